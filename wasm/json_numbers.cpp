// The core's JSON holds integers only (amounts in fen, times in ms); a fraction or an
// exponent is refused wherever it appears (json_util::get_int). nlohmann-json still
// hands such a token to strtod, which pulls musl's long-double float scanner and
// soft-float arithmetic (~7 KB gzip) into every kiosk's core. This strtod reads the
// same grammar exactly enough for a value that is only ever refused.
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

extern "C" double strtod(const char* text, char** end) {
  const char* p = text;
  while (std::isspace(static_cast<unsigned char>(*p))) ++p;
  const bool negative = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  double value = 0;
  int scale = 0;
  bool digits = false;
  for (; std::isdigit(static_cast<unsigned char>(*p)); ++p, digits = true) value = value * 10 + (*p - '0');
  if (*p == '.') {
    for (++p; std::isdigit(static_cast<unsigned char>(*p)); ++p, digits = true) {
      value = value * 10 + (*p - '0');
      --scale;
    }
  }
  if (!digits) {
    if (end) *end = const_cast<char*>(text);
    return 0;
  }
  if (*p == 'e' || *p == 'E') {
    const char* e = p + 1;
    const bool e_negative = *e == '-';
    if (*e == '-' || *e == '+') ++e;
    if (std::isdigit(static_cast<unsigned char>(*e))) {
      int exponent = 0;
      for (; std::isdigit(static_cast<unsigned char>(*e)); ++e) exponent = exponent < 100000 ? exponent * 10 + (*e - '0') : exponent;
      scale += e_negative ? -exponent : exponent;
      p = e;
    }
  }
  if (end) *end = const_cast<char*>(p);
  value = value * std::pow(10.0, scale);
  if (std::isinf(value)) errno = ERANGE;
  return negative ? -value : value;
}

// musl defines the three in one object: defining only strtod would pull it in beside ours.
extern "C" float strtof(const char* text, char** end) { return static_cast<float>(strtod(text, end)); }
extern "C" long double strtold(const char* text, char** end) { return strtod(text, end); }
