#include "admin_page.hpp"

#include <httplib.h>

namespace qrpos::acquirer {

const char* const kAdminPageCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'";

const char* const kAdminPageStyle =
    R"css(body { font: 15px/1.45 system-ui, sans-serif; margin: 24px; color: #111; }
h1 { font-size: 22px; }
form { margin: 12px 0; }
input { font: inherit; padding: 4px 8px; }
button { font: inherit; padding: 4px 12px; }
table { border-collapse: collapse; margin-top: 12px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.warn { background: #fff1c2; }
.bad { background: #ffd6d6; color: #8a0000; font-weight: 600; }
.ok { background: #dcf5e3; color: #05602a; font-weight: 600; }
#status { min-height: 24px; margin: 12px 0; }
.note { color: #666; font-size: 13px; }
)css";

std::string render_admin_page(const std::string& title, const std::string& body, const std::string& script_path) {
  return "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"referrer\" content=\"no-referrer\">"
         "<title>" +
         title + " · qrpos sandbox</title><link rel=\"stylesheet\" href=\"/admin/admin.css\"></head>\n<body><h1>" +
         title +
         "</h1>"
         "<form id=\"token-form\" autocomplete=\"off\"><label>管理令牌 Admin token "
         "<input id=\"token\" type=\"password\" autocomplete=\"off\" required></label> "
         "<button type=\"submit\">确定 OK</button></form>"
         "<p class=\"note\">令牌只保存在本页内存中 · The token stays in this page's memory, never in a URL.</p>"
         "<div id=\"status\" role=\"status\"></div>" +
         body + "<script src=\"" + script_path + "\"></script></body></html>\n";
}

void set_admin_page_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy", kAdminPageCsp);
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
}

}  // namespace qrpos::acquirer
