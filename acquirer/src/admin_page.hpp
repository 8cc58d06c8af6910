// The operator's pages under /admin (health, journal): static bilingual (zh-CN,
// English) shells whose script asks for the admin token, keeps it in memory only and
// sends it as a Bearer header to the JSON endpoints. No terminal data is built into
// the HTML: the script puts it in with textContent, so nothing a terminal sends can
// become markup. Strict Content-Security-Policy, like the customer page.
#pragma once

#include <string>

namespace httplib {
struct Response;
}

namespace qrpos::acquirer {

extern const char* const kAdminPageCsp;
extern const char* const kAdminPageStyle;  // /admin/admin.css

// The page: <title>, the token form, then `body` (trusted, ours) and `script_path`.
std::string render_admin_page(const std::string& title, const std::string& body, const std::string& script_path);

// CSP, no-store, nosniff, no referrer.
void set_admin_page_headers(httplib::Response& res);

}  // namespace qrpos::acquirer
