#include <gtest/gtest.h>

#include "qrpos/messages.hpp"

namespace qrpos::messages {
namespace {

std::string code_of(const Result<Lookup>& r) { return r.ok() ? "ok" : qrpos::error_name(r.error().code); }
std::string code_of(const Result<LookupRequest>& r) { return r.ok() ? "ok" : qrpos::error_name(r.error().code); }

Lookup open_bill() { return Lookup{"BILL-0042", LookupStatus::open, 8800, "CNY", "晚餐 Dinner", ""}; }

TEST(MessagesLookup, TheEndpointAndStatusesHaveTheirNames) {
  EXPECT_STREQ(kLookupsPath, "/v1/lookups");
  for (LookupStatus s : {LookupStatus::open, LookupStatus::paid, LookupStatus::unknown}) {
    EXPECT_EQ(lookup_status_from_name(status_name(s)), s);
  }
  EXPECT_EQ(lookup_status_from_name("OPEN"), std::nullopt);
}

TEST(MessagesLookup, TheRequestRoundTrips) {
  const LookupRequest req{"TK-00000042"};
  EXPECT_EQ(to_json(req), R"({"code":"TK-00000042"})");
  auto back = parse_lookup_request(to_json(req));
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back.value().code, "TK-00000042");
}

TEST(MessagesLookup, TheRequestRefusesWhatIsNotACode) {
  EXPECT_EQ(code_of(parse_lookup_request("{}")), "malformed_message");
  EXPECT_EQ(code_of(parse_lookup_request(R"({"code":42})")), "malformed_message");
  EXPECT_EQ(code_of(parse_lookup_request("[\"TK-1\"]")), "malformed_message");
  EXPECT_EQ(code_of(parse_lookup_request(R"({"code":""})")), "invalid_field");
  EXPECT_EQ(code_of(parse_lookup_request(R"({"code":"TK 1"})")), "invalid_field");
  EXPECT_EQ(code_of(parse_lookup_request(R"({"code":"\u623f301"})")), "invalid_field");
  EXPECT_EQ(code_of(parse_lookup_request(R"({"code":")" + std::string(64, 'k') + "\"}")), "ok");
  EXPECT_EQ(code_of(parse_lookup_request(R"({"code":")" + std::string(65, 'k') + "\"}")), "invalid_field");
  std::string padded = R"({"code":"TK-1"})";
  padded.insert(1, std::string(kMaxLookupRequestSize, ' '));
  EXPECT_EQ(code_of(parse_lookup_request(padded)), "input_too_long");
}

TEST(MessagesLookup, EachStatusRoundTrips) {
  const Lookup open = open_bill();
  auto back = parse_lookup(to_json(open));
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(to_json(back.value()), to_json(open));
  EXPECT_EQ(back.value().description, "晚餐 Dinner");

  const Lookup paid{"BILL-0042", LookupStatus::paid, 8800, "CNY", "", "20261126080000a1b2c3d4e5f60718"};
  EXPECT_EQ(to_json(parse_lookup(to_json(paid)).value()), to_json(paid));
  EXPECT_EQ(parse_lookup(to_json(paid)).value().out_trade_no, "20261126080000a1b2c3d4e5f60718");

  const Lookup unknown{"RM-999", LookupStatus::unknown, 0, "", "", ""};
  EXPECT_EQ(to_json(unknown), R"({"amount":0,"code":"RM-999","status":"unknown"})");
  EXPECT_EQ(parse_lookup(to_json(unknown)).value().status, LookupStatus::unknown);
}

TEST(MessagesLookup, TheAnswerMustAgreeWithItsStatus) {
  auto with = [](auto edit) {
    Lookup l = open_bill();
    edit(l);
    return code_of(parse_lookup(to_json(l)));
  };
  EXPECT_EQ(with([](Lookup& l) { l.amount = 0; }), "invalid_field") << "an open bill has a price";
  EXPECT_EQ(with([](Lookup& l) { l.amount = -5; }), "invalid_field");
  EXPECT_EQ(with([](Lookup& l) { l.currency = ""; }), "invalid_field");
  EXPECT_EQ(with([](Lookup& l) { l.currency = "yuan"; }), "invalid_field");
  EXPECT_EQ(with([](Lookup& l) { l.out_trade_no = "A1"; }), "invalid_field") << "open is not paid";
  EXPECT_EQ(with([](Lookup& l) { l.status = LookupStatus::paid; }), "invalid_field") << "paid names its payment";
  EXPECT_EQ(with([](Lookup& l) {
              l.status = LookupStatus::paid;
              l.out_trade_no = "a/b";
            }),
            "invalid_field");
  EXPECT_EQ(with([](Lookup& l) {
              l.status = LookupStatus::unknown;
              l.amount = 0;
            }),
            "ok");
  EXPECT_EQ(with([](Lookup& l) { l.status = LookupStatus::unknown; }), "invalid_field") << "unknown has no amount";
  EXPECT_EQ(with([](Lookup& l) { l.code = "BILL 42"; }), "invalid_field");
  EXPECT_EQ(with([](Lookup& l) { l.code = ""; }), "invalid_field");
  EXPECT_EQ(with([](Lookup& l) { l.description = std::string(128, 'd'); }), "ok");
  EXPECT_EQ(with([](Lookup& l) { l.description = std::string(129, 'd'); }), "invalid_field");
  EXPECT_EQ(with([](Lookup& l) { l.description = std::string(42, 'd') + "房间"; }), "ok");
  EXPECT_EQ(with([](Lookup& l) { l.description = std::string(126, 'd') + "房"; }), "invalid_field")
      << "128 bytes, not characters";
}

TEST(MessagesLookup, TheAnswerRefusesWrongTypesAndBadText) {
  EXPECT_EQ(code_of(parse_lookup(R"({"code":"C1","status":"open","amount":"88","currency":"CNY"})")),
            "malformed_message");
  EXPECT_EQ(code_of(parse_lookup(R"({"code":"C1","status":"open","currency":"CNY"})")), "malformed_message");
  EXPECT_EQ(code_of(parse_lookup(R"({"code":"C1","status":"closed","amount":88,"currency":"CNY"})")), "invalid_field");
  EXPECT_EQ(code_of(parse_lookup(R"({"code":"C1","status":"open","amount":88,"currency":"CNY","description":7})")),
            "malformed_message");
  EXPECT_EQ(code_of(parse_lookup("{\"code\":\"C1\",\"status\":\"open\",\"amount\":88,\"currency\":\"CNY\","
                                 "\"description\":\"\xff\xfe\"}")),
            "malformed_message")
      << "invalid UTF-8 is not JSON";
  EXPECT_EQ(code_of(parse_lookup(R"({"code":"C1","status":"open","amount":88,"currency":"CNY","later":true})")), "ok")
      << "unknown fields are ignored";
  EXPECT_EQ(code_of(parse_lookup("")), "malformed_message");
}

}  // namespace
}  // namespace qrpos::messages
