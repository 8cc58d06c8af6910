// Native baseline for issue 8's "wasm <= 2x native" comparison: building, sealing
// and signing one payment request, and verifying one response.
#include <benchmark/benchmark.h>

#include "qrpos/protocol.hpp"

namespace {

using namespace qrpos;

struct Keys {
  crypto::SigningKey terminal = crypto::SigningKey::from_seed(std::string(32, '\x01')).value();
  crypto::SigningKey acquirer = crypto::SigningKey::from_seed(std::string(32, '\x02')).value();
};

const protocol::PayOrder kOrder{"20261126080000a1b2c3d4e5f60718", 2372, "CNY", "134567890123456789"};

void BM_BuildPayRequest(benchmark::State& state) {
  if (!crypto::init()) state.SkipWithError("libsodium init failed");
  Keys keys;
  crypto::DeterministicEntropy entropy("bench");
  for (auto _ : state) {
    auto body = protocol::make_pay_request(kOrder, keys.acquirer.public_key(), entropy);
    auto req = protocol::sign_request(keys.terminal, "T-BENCH", 1795680000000, entropy, "POST", protocol::kPayPath,
                                      messages::to_json(body.value()));
    benchmark::DoNotOptimize(req);
  }
}
BENCHMARK(BM_BuildPayRequest);

void BM_VerifyPayResponse(benchmark::State& state) {
  if (!crypto::init()) state.SkipWithError("libsodium init failed");
  Keys keys;
  messages::Trade trade;
  trade.status = messages::TradeStatus::SUCCESS;
  trade.out_trade_no = kOrder.out_trade_no;
  trade.transaction_id = "QP1";
  trade.amount = kOrder.amount;
  trade.currency = "CNY";
  const std::string body = messages::to_json(trade);
  const std::string nonce(32, 'a');
  const protocol::SignedResponse res{200, 1795680000150,
                                     protocol::sign_response(keys.acquirer, 200, 1795680000150, nonce, body), body};
  for (auto _ : state) {
    auto verified = protocol::verify_trade_answer(keys.acquirer.public_key(), nonce, kOrder.out_trade_no, kOrder.amount,
                                                  kOrder.currency, res);
    benchmark::DoNotOptimize(verified);
  }
}
BENCHMARK(BM_VerifyPayResponse);

}  // namespace

BENCHMARK_MAIN();
