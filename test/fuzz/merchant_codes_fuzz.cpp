// Merchant codes on arbitrary bytes: code patterns (compile, match), classify with
// patterns, and the lookup and scenario-carrying protocol bodies. The input is split
// at the first two newlines into a member pattern, a lookup pattern and a text; the
// whole input also goes to every parser. Invariants beyond "never crashes":
//  - compile() accepts exactly 1-64 printable characters with every '\' escaping one;
//    a pattern matches only texts of its own length (escapes counted once), and a
//    pattern without wildcards or escapes matches exactly itself;
//  - classify() with patterns is classify() without them unless the result is member
//    or lookup; member/lookup carry the trimmed text, which their pattern matches,
//    and never happen to a payable or receipt text;
//  - whatever lookup, lookup request, trade, pay or order request parses re-encodes
//    to JSON that parses to the same encoding, within the protocol's bounds.
//
// fuzz-max-len: 2048 (patterns are 64 characters, scans 512, bodies a few hundred bytes)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "qrpos/code_pattern.hpp"
#include "qrpos/messages.hpp"
#include "qrpos/scan.hpp"

namespace {

using namespace qrpos;

void require(bool condition) {
  if (!condition) std::abort();
}

template <class Parse>
void round_trip(const std::string& text, Parse parse) {
  auto first = parse(text);
  if (!first.ok()) return;
  const std::string encoded = messages::to_json(first.value());
  auto second = parse(encoded);
  require(second.ok() && messages::to_json(second.value()) == encoded);
}

// Characters a text must have to match `source`, or npos when it is no pattern.
std::size_t width(std::string_view source) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < source.size(); ++i, ++n) {
    const unsigned char c = source[i];
    if (c < 0x21 || c > 0x7e) return std::string_view::npos;
    if (c == '\\' && (++i == source.size() || source[i] < 0x21 || source[i] > 0x7e)) return std::string_view::npos;
  }
  return source.empty() || source.size() > code_pattern::kMaxPatternLength ? std::string_view::npos : n;
}

void check_pattern(std::string_view source, std::string_view text) {
  const auto compiled = code_pattern::compile(source);
  const std::size_t w = width(source);
  require(compiled.ok() == (w != std::string_view::npos));
  if (!compiled.ok()) {
    require(compiled.error().code == ErrorCode::invalid_field);
    require(!code_pattern::matches(code_pattern::Pattern{std::string(source)}, text));
    return;
  }
  const auto& p = compiled.value();
  if (code_pattern::matches(p, text)) require(text.size() == w);
  if (source.find_first_of("#@*\\") == std::string_view::npos) {
    require(code_pattern::matches(p, source));
    require(code_pattern::matches(p, text) == (text == source));
  }
}

void check_classify(std::string_view text, const scan::MerchantPatterns& patterns) {
  const scan::Scan plain = scan::classify(text);
  const scan::Scan with = scan::classify(text, patterns);
  if (with.kind != scan::Kind::member && with.kind != scan::Kind::lookup) {
    require(with.kind == plain.kind && with.code == plain.code && with.message_key == plain.message_key &&
            with.pattern_index == 0);
    return;
  }
  require(plain.kind != scan::Kind::payment_code && plain.kind != scan::Kind::emv_cpm &&
          plain.kind != scan::Kind::receipt);
  require(!with.scheme && !with.receipt && with.message_key.empty() && !with.code.empty());
  require(text.find(with.code) != std::string_view::npos);
  if (with.kind == scan::Kind::member) {
    require(patterns.member && code_pattern::matches(*patterns.member, with.code) && with.pattern_index == 0);
  } else {
    require(with.pattern_index < patterns.lookups.size());
    require(code_pattern::matches(patterns.lookups[with.pattern_index], with.code));
  }
}

void check_lookup(const std::string& text) {
  round_trip(text, messages::parse_lookup);
  round_trip(text, messages::parse_lookup_request);
  if (auto l = messages::parse_lookup(text); l.ok()) {
    const messages::Lookup& v = l.value();
    require(messages::is_valid_code(v.code) && v.description.size() <= messages::kMaxLookupDescription);
    require(v.status == messages::LookupStatus::unknown ? v.amount == 0 : v.amount > 0);
    require((v.status == messages::LookupStatus::paid) == !v.out_trade_no.empty());
  }
}

void check_scenario_bodies(const std::string& text) {
  round_trip(text, messages::parse_trade);
  round_trip(text, messages::parse_pay_request);
  round_trip(text, messages::parse_order_request);
  if (auto t = messages::parse_trade(text); t.ok()) {
    const messages::Trade& v = t.value();
    require(v.member_id.empty() || messages::is_valid_code(v.member_id));
    require(v.table.empty() || messages::is_valid_table(v.table));
    require(v.points_earned >= 0 && v.points_balance >= 0 && v.tip_amount >= 0);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t first = input.find('\n');
  const std::size_t second = first == std::string::npos ? std::string::npos : input.find('\n', first + 1);
  const std::string_view all(input);
  const std::string_view member = all.substr(0, first);
  const std::string_view lookup =
      first == std::string::npos ? std::string_view() : all.substr(first + 1, second - first - 1);
  const std::string_view text = second == std::string::npos ? all : all.substr(second + 1);

  check_pattern(member, text);
  check_pattern(lookup, text);
  scan::MerchantPatterns patterns;
  if (auto m = code_pattern::compile(member); m.ok()) patterns.member = m.value();
  if (auto l = code_pattern::compile(lookup); l.ok()) patterns.lookups.push_back(l.value());
  patterns.lookups.push_back(code_pattern::Pattern{"###"});
  check_classify(text, patterns);

  check_lookup(input);
  check_scenario_bodies(input);
  return 0;
}
