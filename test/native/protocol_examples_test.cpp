// The worked examples in docs/protocol.md are real: this test rebuilds each one
// from fixed test keys and deterministic entropy and compares it byte for byte with
// the document, and checks every signature in it. Run with QRPOS_WRITE_EXAMPLES=1
// to rewrite the document's examples after a deliberate protocol change.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "qrpos/messages.hpp"
#include "qrpos/protocol.hpp"

namespace qrpos::protocol {
namespace {

const std::string kDoc = std::string(QRPOS_TEST_VECTORS) + "/../../docs/protocol.md";
constexpr std::int64_t kT = 1795680000000;

struct Keys {
  crypto::SigningKey terminal = crypto::SigningKey::from_seed(std::string(32, '\x01')).value();
  crypto::SigningKey acquirer = crypto::SigningKey::from_seed(std::string(32, '\x02')).value();
};

std::string request_block(const SignedRequest& r) {
  std::string s = r.method + " " + r.path + "\n";
  s += std::string(kHeaderTerminal) + ": " + r.auth.terminal_id + "\n";
  s += std::string(kHeaderTimestamp) + ": " + std::to_string(r.auth.timestamp_ms) + "\n";
  s += std::string(kHeaderNonce) + ": " + r.auth.nonce + "\n";
  s += std::string(kHeaderSignature) + ": " + r.signature + "\n\n" + r.body;
  return s;
}

std::string response_block(const Keys& k, int status, std::int64_t ts, const SignedRequest& req,
                           const std::string& body) {
  std::string s = "HTTP " + std::to_string(status) + "\n";
  s += std::string(kHeaderTimestamp) + ": " + std::to_string(ts) + "\n";
  s += std::string(kHeaderSignature) + ": " + sign_response(k.acquirer, status, ts, req.auth.nonce, body) + "\n\n" + body;
  return s;
}

// Every example, in document order, built from the code.
std::vector<std::pair<std::string, std::string>> build_examples() {
  Keys k;
  crypto::DeterministicEntropy entropy("docs/protocol.md");
  const std::string terminal = "T-EXAMPLE-1";
  std::vector<std::pair<std::string, std::string>> out;
  const auto seed_hex = [](char byte) { return crypto::to_hex(std::vector<std::uint8_t>(32, std::uint8_t(byte))); };
  out.emplace_back("keys", "terminal seed (test only):  " + seed_hex('\x01') +
                               "\nterminal public key:        " + crypto::to_hex(k.terminal.public_key()) +
                               "\nacquirer seed (test only):  " + seed_hex('\x02') +
                               "\nacquirer public key:        " + crypto::to_hex(k.acquirer.public_key()));

  const std::string otn = make_out_trade_no(kT, entropy);
  auto pay = make_pay_request({otn, 2372, "CNY", "134567890123456789"}, k.acquirer.public_key(), entropy).value();
  const auto pay_req = sign_request(k.terminal, terminal, kT, entropy, "POST", messages::kPaymentsPath,
                                    messages::to_json(pay));
  out.emplace_back("pay-request", request_block(pay_req));
  messages::Trade trade;
  trade.status = messages::TradeStatus::USERPAYING;
  trade.out_trade_no = otn;
  trade.amount = 2372;
  trade.currency = "CNY";
  trade.scheme = "wechat";
  trade.auth_code_masked = pay.auth_code_masked;
  trade.retry_after_ms = 3000;
  out.emplace_back("pay-response", response_block(k, 200, kT + 180, pay_req, messages::to_json(trade)));

  const auto query_req = sign_request(k.terminal, terminal, kT + 3000, entropy, "GET", messages::payment_path(otn), "");
  out.emplace_back("query-request", request_block(query_req));
  trade.status = messages::TradeStatus::SUCCESS;
  trade.retry_after_ms = 0;
  trade.transaction_id = "QP1795680004000a1b2c3d4";
  trade.paid_at_ms = kT + 4000;
  out.emplace_back("query-response", response_block(k, 200, kT + 3120, query_req, messages::to_json(trade)));

  const std::string otn2 = make_out_trade_no(kT + 60000, entropy);
  const auto reverse_req = sign_request(k.terminal, terminal, kT + 105000, entropy, "POST", messages::reverse_path(otn2),
                                        messages::to_json(messages::CancelRequest{990, "CNY"}));
  out.emplace_back("reverse-request", request_block(reverse_req));
  messages::Trade reversed;
  reversed.status = messages::TradeStatus::REVERSED;
  reversed.out_trade_no = otn2;
  reversed.amount = 990;
  reversed.currency = "CNY";
  out.emplace_back("reverse-response", response_block(k, 200, kT + 105090, reverse_req, messages::to_json(reversed)));

  const std::string refund_no = make_out_trade_no(kT + 3600000, entropy);
  const auto refund_req =
      sign_request(k.terminal, terminal, kT + 3600000, entropy, "POST", messages::kRefundsPath,
                   messages::to_json(messages::RefundRequest{otn, refund_no, 1000, "CNY", "customer returned goods"}));
  out.emplace_back("refund-request", request_block(refund_req));
  messages::Refund refund{messages::RefundStatus::SUCCESS, otn, refund_no, "RF1795680360010", 1000, "CNY", 1000, "", 0};
  out.emplace_back("refund-response", response_block(k, 200, kT + 3600100, refund_req, messages::to_json(refund)));

  const std::string otn3 = make_out_trade_no(kT + 7200000, entropy);
  const auto order_req =
      sign_request(k.terminal, terminal, kT + 7200000, entropy, "POST", messages::kOrdersPath,
                   messages::to_json(messages::OrderRequest{otn3, 4800, "CNY", "table 7", 120000}));
  out.emplace_back("order-request", request_block(order_req));
  messages::Trade order;
  order.status = messages::TradeStatus::NOTPAY;
  order.out_trade_no = otn3;
  order.amount = 4800;
  order.currency = "CNY";
  order.code_url = "http://localhost:8080/pay/" + otn3;
  order.expires_at_ms = kT + 7320000;
  order.retry_after_ms = 2000;
  out.emplace_back("order-response", response_block(k, 200, kT + 7200080, order_req, messages::to_json(order)));

  const auto bad_req = sign_request(k.terminal, "T-UNKNOWN", kT, entropy, "GET", messages::payment_path(otn), "");
  out.emplace_back("error-response",
                   response_block(k, 401, kT + 40, bad_req,
                                  messages::to_json(messages::ErrorBody{"unknown_terminal",
                                                                        "this terminal is not activated here", 0})));
  return out;
}

std::string read_doc() {
  std::ifstream in(kDoc);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string kFence = "```text\n";

// The text of the fenced block after "<!-- example:NAME -->" as [start, end), where
// end is the closing fence (so the text ends with a newline unless empty).
std::pair<std::size_t, std::size_t> find_block(const std::string& doc, const std::string& name) {
  const std::size_t marker = doc.find("<!-- example:" + name + " -->");
  if (marker == std::string::npos) return {std::string::npos, std::string::npos};
  const std::size_t start = doc.find(kFence, marker);
  if (start == std::string::npos) return {std::string::npos, std::string::npos};
  const std::size_t content = start + kFence.size();
  std::size_t end = content;
  while (end != std::string::npos && doc.compare(end, 3, "```") != 0) {
    end = doc.find('\n', end);
    if (end != std::string::npos) ++end;
  }
  if (end == std::string::npos) return {std::string::npos, std::string::npos};
  return {content, end};
}

std::string block_text(const std::string& doc, std::pair<std::size_t, std::size_t> at) {
  std::string text = doc.substr(at.first, at.second - at.first);
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

TEST(ProtocolExamples, DocumentMatchesTheCodeByteForByte) {
  ASSERT_TRUE(crypto::init());
  std::string doc = read_doc();
  ASSERT_FALSE(doc.empty()) << "cannot read " << kDoc;
  const bool rewrite = std::getenv("QRPOS_WRITE_EXAMPLES") != nullptr;
  for (const auto& [name, expected] : build_examples()) {
    const auto at = find_block(doc, name);
    ASSERT_NE(at.first, std::string::npos) << "docs/protocol.md lacks example " << name;
    if (rewrite) {
      doc.replace(at.first, at.second - at.first, expected + "\n");
      continue;
    }
    EXPECT_EQ(block_text(doc, at), expected)
        << "example " << name << " differs; rerun with QRPOS_WRITE_EXAMPLES=1 after a deliberate change";
  }
  if (rewrite) std::ofstream(kDoc) << doc;
}

TEST(ProtocolExamples, EverySignatureInTheDocumentVerifies) {
  ASSERT_TRUE(crypto::init());
  Keys k;
  const std::string doc = read_doc();
  std::map<std::string, std::string> nonce_of;  // request example -> its nonce
  for (const auto& [name, unused] : build_examples()) {
    if (name == "keys") continue;
    const auto at = find_block(doc, name);
    ASSERT_NE(at.first, std::string::npos) << name;
    const std::string block = block_text(doc, at);
    const std::size_t blank = block.find("\n\n");
    ASSERT_NE(blank, std::string::npos) << name;
    const std::string body = block.substr(blank + 2);
    std::map<std::string, std::string> headers;
    std::istringstream lines(block.substr(0, blank));
    std::string first, line;
    std::getline(lines, first);
    while (std::getline(lines, line)) headers[line.substr(0, line.find(':'))] = line.substr(line.find(": ") + 2);
    const std::int64_t ts = std::stoll(headers[kHeaderTimestamp]);
    if (first.rfind("HTTP ", 0) == 0) {
      const std::string request = name.substr(0, name.find('-')) + "-request";
      const std::string nonce = name == "error-response" ? "" : nonce_of[request];
      if (name == "error-response") continue;  // its request is not shown
      auto verified = verify_response(k.acquirer.public_key(), nonce,
                                      {std::stoi(first.substr(5)), ts, headers[kHeaderSignature], body});
      EXPECT_TRUE(verified.ok()) << name;
    } else {
      const std::size_t space = first.find(' ');
      SignedRequest req{first.substr(0, space), first.substr(space + 1), body,
                        {headers[kHeaderTerminal], ts, headers[kHeaderNonce]}, headers[kHeaderSignature]};
      EXPECT_TRUE(verify_request(k.terminal.public_key(), req).ok()) << name;
      nonce_of[name] = req.auth.nonce;
    }
  }
}

}  // namespace
}  // namespace qrpos::protocol
