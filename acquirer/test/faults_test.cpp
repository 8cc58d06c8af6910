// Fault specs and firing rules (acquirer/src/faults.hpp).
#include "faults.hpp"

#include <gtest/gtest.h>

#include "log.hpp"
#include "qrpos/crypto.hpp"

namespace qrpos::acquirer {
namespace {

Fault parse(const char* spec) {
  std::string error;
  auto f = parse_fault_spec(spec, error);
  EXPECT_TRUE(f.has_value()) << spec << ": " << error;
  return f.value_or(Fault{});
}

TEST(FaultSpec, ReadsKindValueAndOptions) {
  const Fault f = parse("latency=2000,path=/v1/payments,count=3,probability=0.25");
  EXPECT_EQ(f.kind, FaultKind::latency);
  EXPECT_EQ(f.ms, 2000);
  EXPECT_EQ(f.path, "/v1/payments");
  EXPECT_EQ(f.count, 3);
  EXPECT_DOUBLE_EQ(f.probability, 0.25);
  EXPECT_EQ(parse("server_error=500").status, 500);
  EXPECT_EQ(parse("drop_after_commit").path, "/v1/");
  EXPECT_EQ(parse("stale_response,count=1").count, 1);
}

TEST(FaultSpec, RefusesWithAReason) {
  for (const char* bad : {"", "gremlins", "latency", "latency=abc", "server_error=404", "corrupt_signature,path=v1",
                          "reset_before_processing,count=-1", "latency=10,probability=2", "latency=10,colour=red"}) {
    std::string error;
    EXPECT_FALSE(parse_fault_spec(bad, error).has_value()) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

TEST(FaultInjector, FiresInScopeUntilItsCountIsSpent) {
  ASSERT_TRUE(crypto::init());
  FaultInjector faults;
  faults.set({parse("corrupt_signature,path=/v1/payments,count=2"), parse("latency=5")});
  EXPECT_EQ(faults.draw("/v1/orders").size(), 1u);  // only the unlimited latency
  EXPECT_EQ(faults.draw("/v1/payments/x").size(), 2u);
  EXPECT_EQ(faults.draw("/v1/payments").size(), 2u);
  EXPECT_EQ(faults.draw("/v1/payments").size(), 1u);
  EXPECT_EQ(faults.list().size(), 1u);
}

TEST(MaskCode, KeepsFirstTwoAndLastFour) {
  EXPECT_EQ(mask_code("134567890123456789"), "13************6789");
  EXPECT_EQ(mask_code("13************6789"), "13************6789");
  EXPECT_EQ(mask_code("123456"), "******");
}

}  // namespace
}  // namespace qrpos::acquirer
