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
  for (auto _ : state) {
    auto req = protocol::build_pay_request(keys.terminal, keys.acquirer.public_key(), kOrder,
                                           {"T-BENCH", 1795680000000, std::string(32, 'a')});
    benchmark::DoNotOptimize(req);
  }
}
BENCHMARK(BM_BuildPayRequest);

void BM_VerifyPayResponse(benchmark::State& state) {
  if (!crypto::init()) state.SkipWithError("libsodium init failed");
  Keys keys;
  protocol::PayResult result{"SUCCESS", kOrder.out_trade_no, "QP1", kOrder.amount, "CNY", "wechat",
                             "13************6789", 1795680000123, "", ""};
  const std::string body = protocol::pay_result_body(result);
  const std::string nonce(32, 'a');
  const protocol::SignedResponse res{200, 1795680000150,
                                     protocol::sign_response(keys.acquirer, 200, 1795680000150, nonce, body), body};
  for (auto _ : state) {
    auto verified = protocol::verify_pay_response(keys.acquirer.public_key(), nonce, kOrder, res);
    benchmark::DoNotOptimize(verified);
  }
}
BENCHMARK(BM_VerifyPayResponse);

}  // namespace

BENCHMARK_MAIN();
