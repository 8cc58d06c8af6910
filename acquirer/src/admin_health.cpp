// GET /admin/health (page) and /admin/health.json: every terminal with its latest
// heartbeat, its age, and flags for a silent terminal or a clock that is off.
#include <httplib.h>

#include <cstdlib>

#include "admin.hpp"
#include "admin_page.hpp"
#include "api.hpp"
#include "qrpos/heartbeat.hpp"

namespace qrpos::acquirer {
namespace {

using nlohmann::json;

// A terminal silent for longer than this is flagged (it heartbeats every minute or so).
constexpr std::int64_t kSilentAfterMs = 5 * 60 * 1000;

json heartbeat_json(const HealthRow& row, std::int64_t now_ms) {
  const auto& h = row.health;
  json j = {{"received_at", row.received_at_ms},
            {"sent_at", row.sent_at_ms},
            {"age_ms", now_ms - row.received_at_ms},
            {"version", h.version},
            {"camera", h.camera},
            {"printer", h.printer},
            {"clock_skew_ms", h.clock_skew_ms},
            // What this heartbeat's own timestamp says, measured here (includes travel time).
            {"observed_skew_ms", row.sent_at_ms - row.received_at_ms},
            {"unfinished", h.unfinished},
            {"last_error", h.last_error},
            {"journal_head", nullptr}};
  if (h.journal_head) j["journal_head"] = {{"seq", h.journal_head->seq}, {"hash", h.journal_head->hash}};
  return j;
}

json terminal_json(const TerminalHealth& th, std::int64_t now_ms) {
  json flags = json::array();
  json j = {{"terminal_id", th.terminal.terminal_id},
            {"merchant_id", th.terminal.merchant_id},
            {"merchant_name", th.terminal.merchant_name},
            {"device", th.terminal.device},
            {"heartbeat", nullptr}};
  if (!th.latest) {
    flags.push_back("no_heartbeat");
  } else {
    j["heartbeat"] = heartbeat_json(*th.latest, now_ms);
    if (now_ms - th.latest->received_at_ms > kSilentAfterMs) flags.push_back("silent");
    // Either measure may show it: the terminal's own, or this heartbeat's timestamp.
    if (heartbeat::clock_off(th.latest->health.clock_skew_ms) ||
        heartbeat::clock_off(th.latest->sent_at_ms - th.latest->received_at_ms)) {
      flags.push_back("clock_off");
    }
    if (th.latest->health.unfinished > 0) flags.push_back("unfinished");
    if (!th.latest->health.last_error.empty()) flags.push_back("error");
  }
  j["flags"] = flags;
  return j;
}

const char* const kHealthScript = R"js(// The health page: asks for the admin token, then lists /admin/health.json.
'use strict';
const FLAGS = {
  no_heartbeat: '从未上报 No heartbeat yet',
  silent: '超过 5 分钟无心跳 No heartbeat for > 5 min',
  clock_off: '时钟偏差超过 2 分钟 Clock off by > 2 min',
  unfinished: '有未完成记录 Unfinished records',
  error: '有错误 Has an error',
};
const form = document.getElementById('token-form');
const input = document.getElementById('token');
const status = document.getElementById('status');
const rows = document.getElementById('rows');
let token = '';

const seconds = (ms) => `${Math.round(ms / 1000)} s`;
function cell(tr, text, cls) {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
  tr.append(td);
}

function render(body) {
  rows.replaceChildren();
  for (const t of body.terminals) {
    const tr = document.createElement('tr');
    tr.dataset.terminal = t.terminal_id;
    const h = t.heartbeat;
    const flagged = (name) => t.flags.includes(name);
    cell(tr, t.terminal_id);
    cell(tr, `${t.merchant_name} (${t.merchant_id || '-'})`);
    cell(tr, h ? `${new Date(h.received_at).toISOString()} (${seconds(h.age_ms)})` : '-', flagged('silent') || flagged('no_heartbeat') ? 'bad' : '');
    cell(tr, h ? h.version : '-');
    cell(tr, h ? h.camera : '-', h && h.camera !== 'ok' ? 'warn' : '');
    cell(tr, h ? h.printer : '-', h && !['ready', 'none'].includes(h.printer) ? 'warn' : '');
    cell(tr, h ? `${seconds(h.clock_skew_ms)} / ${seconds(h.observed_skew_ms)}` : '-', flagged('clock_off') ? 'bad' : '');
    cell(tr, h ? String(h.unfinished) : '-', flagged('unfinished') ? 'warn' : '');
    cell(tr, h ? h.last_error : '-', flagged('error') ? 'warn' : '');
    cell(tr, h && h.journal_head ? `#${h.journal_head.seq} ${h.journal_head.hash.slice(0, 12)}…` : '-');
    cell(tr, t.flags.map((f) => FLAGS[f] ?? f).join('; ') || '正常 OK', t.flags.length ? 'warn' : 'ok');
    rows.append(tr);
  }
  status.textContent = `${body.terminals.length} 台终端 terminals · ${new Date(body.server_time_ms).toISOString()}`;
}

async function load() {
  try {
    const res = await fetch('/admin/health.json', { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    if (res.status === 401) {
      status.textContent = '管理令牌错误 Wrong admin token';
      return;
    }
    render(await res.json());
  } catch {
    status.textContent = '网络错误 Network error';
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  token = input.value;
  input.value = '';
  load();
});
setInterval(() => token && load(), 30_000);
)js";

const char* const kHealthBody =
    "<table><thead><tr><th>终端 Terminal</th><th>商户 Merchant</th><th>最近心跳 Last heartbeat (age)</th>"
    "<th>版本 Version</th><th>摄像头 Camera</th><th>打印机 Printer</th>"
    "<th>时钟偏差 Clock skew (terminal / observed)</th><th>未完成 Unfinished</th><th>最近错误 Last error</th>"
    "<th>日志链 Journal head</th><th>状态 Status</th></tr></thead><tbody id=\"rows\"></tbody></table>";

void health_json(Api& api, httplib::Response& res) {
  const std::int64_t now = api.now_ms();
  json terminals = json::array();
  for (const auto& th : api.ledger.list_health()) terminals.push_back(terminal_json(th, now));
  answer(res, 200,
         json{{"server_time_ms", now},
              {"silent_after_ms", kSilentAfterMs},
              {"clock_warning_ms", heartbeat::kClockWarningMs},
              {"terminals", terminals}});
}

}  // namespace

void add_admin_health_routes(httplib::Server& http, Api& api, const std::string& admin_token) {
  http.Get("/admin/admin.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(kAdminPageStyle, "text/css; charset=utf-8");
  });
  http.Get("/admin/health", [](const httplib::Request&, httplib::Response& res) {
    set_admin_page_headers(res);
    res.set_content(render_admin_page("终端健康 Terminal health", kHealthBody, "/admin/health.js"),
                    "text/html; charset=utf-8");
  });
  http.Get("/admin/health.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(kHealthScript, "text/javascript; charset=utf-8");
  });
  http.Get("/admin/health.json", [&api, &admin_token](const httplib::Request& req, httplib::Response& res) {
    if (authorized(admin_token, req, res)) health_json(api, res);
  });
}

}  // namespace qrpos::acquirer
