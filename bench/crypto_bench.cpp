// The crypto and protocol operations of issue 8's "wasm <= 2x native", timed one call
// at a time. This one file is built natively (build/native/bench/qrpos_crypto_bench)
// and, by bench/crypto.mjs, with Emscripten against the wasm build of the same core
// and libsodium, so both columns run the very same loop over the very same code.
// Prints every sample (microseconds) as JSON; bench/crypto.mjs does the statistics.
//
//   qrpos_crypto_bench [--iterations N] [--warmup N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <sodium.h>

#include "qrpos/protocol.hpp"

namespace {

using namespace qrpos;

// The keys, nonce and order of test/vectors/protocol_v1.json, so that every column
// of the benchmark seals, signs and verifies the same bytes.
const std::string kTerminalId = "T-BENCH";
const std::string kTerminalSeedHex = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
const std::string kAcquirerSeedHex = "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2";
const std::string kNonce = "00112233445566778899aabbccddeeff";
const protocol::PayOrder kOrder{"20261126080000a1b2c3d4e5f60718", 2372, "CNY", "134567890123456789"};
constexpr std::int64_t kRequestTime = 1795680000000;
constexpr std::int64_t kResponseTime = 1795680000150;
constexpr std::int64_t kPaidAt = 1795680000123;
// Stands in for the 32 bytes of crypto.getRandomValues that the terminal hands the
// core for each request's ephemeral sealing key: drawing them is not timed.
const std::string kSealEntropyHex(64, '5');

std::string text_of_hex(const std::string& hex) {
  const auto bytes = crypto::from_hex(hex).value();
  return std::string(bytes.begin(), bytes.end());
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// What the terminal holds between payments, and the acquirer's answer to verify.
struct Fixture {
  crypto::SigningKey terminal = crypto::SigningKey::from_seed(text_of_hex(kTerminalSeedHex)).value();
  crypto::SigningKey acquirer = crypto::SigningKey::from_seed(text_of_hex(kAcquirerSeedHex)).value();
  crypto::PublicKey acquirer_key = acquirer.public_key();
  std::string acquirer_key_hex = crypto::to_hex(acquirer_key);
  std::string seal_entropy = text_of_hex(kSealEntropyHex);
  std::string terminal_seed = text_of_hex(kTerminalSeedHex);
  protocol::SignedResponse response = signed_response();
  std::string canonical =
      protocol::canonical_response(response.http_status, response.timestamp_ms, kNonce, response.body);
  crypto::Signature signature = crypto::signature_from_base64(response.signature).value();

  protocol::SignedResponse signed_response() const {
    messages::Trade trade;
    trade.status = messages::TradeStatus::SUCCESS;
    trade.out_trade_no = kOrder.out_trade_no;
    trade.transaction_id = "QP20261126000001";
    trade.amount = kOrder.amount;
    trade.currency = kOrder.currency;
    trade.scheme = "wechat";
    trade.auth_code_masked = "13************6789";
    trade.paid_at_ms = kPaidAt;
    const std::string body = messages::to_json(trade);
    return {200, kResponseTime, protocol::sign_response(acquirer, 200, kResponseTime, kNonce, body), body};
  }
};

// Build, seal and sign with the terminal's key already in hand.
protocol::SignedRequest pay_request(const Fixture& f) {
  crypto::ByteEntropy entropy(f.seal_entropy);
  auto body = protocol::make_pay_request(kOrder, f.acquirer_key, entropy);
  return protocol::sign_request(f.terminal, {kTerminalId, kRequestTime, kNonce}, "POST", protocol::kPayPath,
                                messages::to_json(body.value()));
}

// The core work of the wasm binding buildPayRequest (wasm/bindings.cpp), which takes
// the terminal's seed and the acquirer's key as hex on every call.
protocol::SignedRequest pay_request_from_hex(const Fixture& f) {
  const auto terminal = crypto::SigningKey::from_seed(text_of_hex(kTerminalSeedHex)).value();
  const auto acquirer = crypto::public_key_from_hex(f.acquirer_key_hex).value();
  crypto::ByteEntropy entropy(text_of_hex(kSealEntropyHex));
  auto body = protocol::make_pay_request(kOrder, acquirer, entropy);
  return protocol::sign_request(terminal, {kTerminalId, kRequestTime, kNonce}, "POST", protocol::kPayPath,
                                messages::to_json(body.value()));
}

// What verifyPayResponse does: the acquirer's signature, then that the trade is ours.
bool verify_response(const Fixture& f) {
  const auto acquirer = crypto::public_key_from_hex(f.acquirer_key_hex).value();
  auto answer =
      protocol::verify_trade_answer(acquirer, kNonce, kOrder.out_trade_no, kOrder.amount, kOrder.currency, f.response);
  return answer.ok() && answer.value().trade.has_value();
}

struct Op {
  const char* name;
  std::function<bool()> run;  // false: the operation failed, the run is void
};

// Keeps the optimizer from dropping work whose result is otherwise unused.
volatile std::size_t g_sink = 0;

std::vector<Op> operations(const Fixture& f) {
  return {
      {"pay_request", [&f] { return !pay_request(f).signature.empty(); }},
      {"pay_request_from_hex", [&f] { return !pay_request_from_hex(f).signature.empty(); }},
      {"verify_response", [&f] { return verify_response(f); }},
      {"ed25519_sign",
       [&f] {
         g_sink += f.acquirer.sign(f.canonical)[0];
         return true;
       }},
      {"ed25519_verify", [&f] { return crypto::verify(f.acquirer_key, f.canonical, f.signature); }},
      {"sealed_box",
       [&f] {
         crypto::ByteEntropy entropy(f.seal_entropy);
         auto box = crypto::seal(kOrder.auth_code, f.acquirer_key, entropy);
         if (box.ok()) g_sink += box.value().size();
         return box.ok();
       }},
      // Parts of the operations above, timed alone to show where their time goes.
      {"key_from_seed", [&f] { return crypto::SigningKey::from_seed(f.terminal_seed).ok(); }},
      {"ed25519_pk_to_x25519",
       [&f] {
         unsigned char x25519[crypto_box_PUBLICKEYBYTES];
         return crypto_sign_ed25519_pk_to_curve25519(x25519, f.acquirer_key.data()) == 0;
       }},
      {"parse_trade", [&f] { return messages::parse_trade(f.response.body).ok(); }},
  };
}

long arg_or(int argc, char** argv, const char* flag, long fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], flag) == 0) return std::strtol(argv[i + 1], nullptr, 10);
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const long iterations = arg_or(argc, argv, "--iterations", 2000);
  const long warmup = arg_or(argc, argv, "--warmup", 200);
  if (!crypto::init()) {
    std::fprintf(stderr, "libsodium init failed\n");
    return 1;
  }
  const Fixture f;
  const auto request = pay_request(f);
  using Clock = std::chrono::steady_clock;

  std::string json = "{\"iterations\":" + std::to_string(iterations) + ",\"warmup\":" + std::to_string(warmup);
  // The bytes signed, so bench/crypto.mjs can check that every column did the same work.
  json += ",\"request\":{\"body\":" + json_string(request.body) + ",\"signature\":" + json_string(request.signature) +
          "},\"response\":{\"body\":" + json_string(f.response.body) +
          ",\"signature\":" + json_string(f.response.signature) + "},\"samples_us\":{";
  bool first = true;
  for (const auto& op : operations(f)) {
    for (long i = 0; i < warmup; ++i) {
      if (!op.run()) {
        std::fprintf(stderr, "%s failed\n", op.name);
        return 1;
      }
    }
    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(iterations));
    for (long i = 0; i < iterations; ++i) {
      const auto start = Clock::now();
      const bool ok = op.run();
      const auto stop = Clock::now();
      if (!ok) return 1;
      samples.push_back(std::chrono::duration<double, std::micro>(stop - start).count());
    }
    json += std::string(first ? "" : ",") + json_string(op.name) + ":[";
    for (std::size_t i = 0; i < samples.size(); ++i) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%s%.3f", i ? "," : "", samples[i]);
      json += buf;
    }
    json += "]";
    first = false;
  }
  json += "}}";
  std::puts(json.c_str());
  return 0;
}
