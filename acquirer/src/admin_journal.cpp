// GET /admin/journal (page) and POST /admin/journal/verify: a terminal's exported
// tamper-evident journal checked natively against the public key the terminal
// registered here (never the key in the file, which a forger would replace too) and
// against the journal head of its latest heartbeat, which also catches a cut at the end.
// Bodies are bounded by the protocol's 16 KB, so the page sends the chain in segments,
// each continuing after the head the previous one ended on.
#include <httplib.h>

#include "admin.hpp"
#include "admin_page.hpp"
#include "api.hpp"
#include "qrpos/journal_chain.hpp"

namespace qrpos::acquirer {
namespace {

using nlohmann::json;
namespace chain = qrpos::journal_chain;

std::optional<chain::ChainHead> head_from(const json& j) {
  if (!j.is_object() || !j.contains("seq") || !j["seq"].is_number_integer() || !j.contains("hash") ||
      !j["hash"].is_string()) {
    return std::nullopt;
  }
  auto hash = crypto::from_hex(j["hash"].get<std::string>());
  chain::ChainHead head;
  if (!hash.ok() || hash.value().size() != head.hash.size() || j["seq"].get<std::int64_t>() < 0) return std::nullopt;
  head.seq = j["seq"].get<std::int64_t>();
  std::copy(hash.value().begin(), hash.value().end(), head.hash.begin());
  return head;
}

std::optional<messages::JournalHead> heartbeat_head(Api& api, const std::string& terminal_id) {
  for (const auto& th : api.ledger.list_health()) {
    if (th.terminal.terminal_id == terminal_id && th.latest) return th.latest->health.journal_head;
  }
  return std::nullopt;
}

// The heartbeat's head must be in the chain: the entry with its seq has its hash, and
// the last segment reaches it.
void check_heartbeat_head(chain::ChainReport& r, const std::vector<std::string>& lines, const chain::ChainHead& after,
                          const chain::ChainHead& end, const messages::JournalHead& hb, bool last) {
  if (hb.seq > after.seq && hb.seq <= end.seq) {
    const auto index = static_cast<std::size_t>(hb.seq - after.seq - 1);
    auto entry = chain::parse_entry(lines[index]);
    if (entry.ok() && crypto::to_hex(entry.value().hash) == hb.hash) return;
    r = {false, r.entries, chain::ChainProblem::changed,
         index, hb.seq,    "not the entry the terminal reported in its latest heartbeat"};
  } else if (last && hb.seq > end.seq) {
    r = {false,
         r.entries,
         chain::ChainProblem::removed,
         lines.size(),
         end.seq + 1,
         "entries up to seq " + std::to_string(hb.seq) + " (latest heartbeat) are missing at the end"};
  }
}

void verify_segment(Api& api, const httplib::Request& req, httplib::Response& res) {
  const json body = json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("terminal_id") || !body["terminal_id"].is_string() ||
      !body.contains("chain") || !body["chain"].is_array()) {
    return answer_error(res, 400, "malformed_message", "send {\"terminal_id\": ..., \"chain\": [entry lines]}");
  }
  std::vector<std::string> lines;
  for (const auto& line : body["chain"]) {
    if (!line.is_string()) return answer_error(res, 400, "malformed_message", "chain holds entry lines (strings)");
    lines.push_back(line.get<std::string>());
  }
  chain::ChainHead after;
  if (body.contains("after")) {
    auto given = head_from(body["after"]);
    if (!given)
      return answer_error(res, 400, "malformed_message", "after must be {\"seq\": n, \"hash\": \"<64 hex>\"}");
    after = *given;
  }
  const bool last = !body.contains("last") || !body["last"].is_boolean() || body["last"].get<bool>();
  const std::string terminal_id = body["terminal_id"].get<std::string>();
  auto terminal = api.ledger.find_terminal(terminal_id);
  if (!terminal) return answer_error(res, 404, "unknown_terminal", "no terminal with this id is registered here");
  auto key = crypto::public_key_from_hex(terminal->public_key_hex);
  if (!key.ok()) return answer_error(res, 500, "internal_error", "the terminal's registered key is unreadable");

  chain::ChainReport r = chain::verify(key.value(), lines, std::nullopt, after);
  json head = nullptr;
  const auto hb = heartbeat_head(api, terminal_id);
  if (r.ok) {
    const auto end = chain::head_of(chain::parse_entry(lines.back()).value());
    if (hb) check_heartbeat_head(r, lines, after, end, *hb, last);
    if (r.ok) head = {{"seq", end.seq}, {"hash", crypto::to_hex(end.hash)}};
  }
  answer(res, 200,
         json{{"terminal_id", terminal_id},
              {"public_key", terminal->public_key_hex},
              {"ok", r.ok},
              {"entries", r.entries},
              {"problem", chain::problem_name(r.problem)},
              {"index", r.index},
              {"seq", r.seq},
              {"detail", r.detail},
              {"head", head},
              {"heartbeat_head", hb ? json{{"seq", hb->seq}, {"hash", hb->hash}} : json(nullptr)}});
}

const char* const kJournalScript = R"js(// The journal page: reads an export file, sends its chain in segments under the
// 16 KB body bound, and shows the first bad entry and why.
'use strict';
const REASONS = {
  changed: '内容被修改 changed: its contents do not match its hash',
  bad_signature: '签名无效 bad signature: not signed by this terminal\'s key',
  removed: '记录被删除 removed: an entry before it is missing',
  reordered: '顺序被调换 reordered: out of order',
  malformed: '格式错误 malformed: not a journal entry',
  empty: '没有记录 empty: no entries',
};
const MAX_SEGMENT = 12 * 1024;
const form = document.getElementById('token-form');
const input = document.getElementById('token');
const file = document.getElementById('file');
const status = document.getElementById('status');
const result = document.getElementById('result');
let token = '';

function show(text, cls) {
  result.textContent = text;
  result.className = cls;
}

function segments(chain) {
  const out = [];
  let current = [];
  let size = 0;
  for (const line of chain) {
    const cost = JSON.stringify(line).length + 1;
    if (cost > MAX_SEGMENT) return null;
    if (size + cost > MAX_SEGMENT && current.length) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(line);
    size += cost;
  }
  out.push(current);
  return out;
}

async function verify(exported) {
  const parts = segments(exported.chain);
  if (!parts) return show('条目过大，请用命令行 An entry is too large for this page: use npm run verify-journal', 'bad');
  let after;
  let offset = 0;
  for (let i = 0; i < parts.length; i++) {
    const res = await fetch('/admin/journal/verify', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ terminal_id: exported.terminal_id, chain: parts[i], after, last: i === parts.length - 1 }),
    });
    const r = await res.json();
    if (!res.ok) return show(`${res.status === 401 ? '管理令牌错误 Wrong admin token' : r.error?.message ?? res.status}`, 'bad');
    if (!r.ok) {
      return show(
        `已被篡改 TAMPERED — 第 ${offset + r.index + 1} 条 entry ${offset + r.index + 1} (seq ${r.seq}): ${REASONS[r.problem] ?? r.problem} (${r.detail})`,
        'bad',
      );
    }
    offset += r.entries;
    after = r.head;
  }
  show(`完整 INTACT — ${offset} 条记录 entries, 签名与链均有效 chain and signatures valid (终端 terminal ${exported.terminal_id})`, 'ok');
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  token = input.value;
  input.value = '';
  status.textContent = '已设置令牌，请选择文件 Token set: choose a file';
});
file.addEventListener('change', async () => {
  show('', '');
  if (!token) return (status.textContent = '请先输入管理令牌 Enter the admin token first');
  let exported;
  try {
    exported = JSON.parse(await file.files[0].text());
  } catch {
    return show('无法读取文件 Cannot read this file (not JSON)', 'bad');
  }
  if (typeof exported?.terminal_id !== 'string' || !Array.isArray(exported.chain)) {
    return show('不是日志导出文件 Not a journal export ({terminal_id, public_key, chain})', 'bad');
  }
  status.textContent = '校验中… Verifying…';
  try {
    await verify(exported);
    status.textContent = '使用终端注册的公钥校验 Checked with the key the terminal registered here';
  } catch {
    status.textContent = '网络错误 Network error';
  }
});
)js";

const char* const kJournalBody =
    "<p><label>日志导出文件 Journal export file <input id=\"file\" type=\"file\" accept=\".json,application/json\">"
    "</label></p><div id=\"result\" data-testid=\"result\"></div>";

}  // namespace

void add_admin_journal_routes(httplib::Server& http, Api& api, const std::string& admin_token) {
  http.Get("/admin/journal", [](const httplib::Request&, httplib::Response& res) {
    set_admin_page_headers(res);
    res.set_content(render_admin_page("日志校验 Journal verification", kJournalBody, "/admin/journal.js"),
                    "text/html; charset=utf-8");
  });
  http.Get("/admin/journal.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(kJournalScript, "text/javascript; charset=utf-8");
  });
  http.Post("/admin/journal/verify", [&api, &admin_token](const httplib::Request& req, httplib::Response& res) {
    if (authorized(admin_token, req, res)) verify_segment(api, req, res);
  });
}

}  // namespace qrpos::acquirer
