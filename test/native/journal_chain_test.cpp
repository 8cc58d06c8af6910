#include "qrpos/journal_chain.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "vectors.hpp"

namespace qrpos::journal_chain {
namespace {

crypto::SigningKey key_from(char fill) { return crypto::SigningKey::from_seed(std::string(32, fill)).value(); }

class JournalChain : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::init());
    ChainHead head;
    for (int i = 0; i < 5; ++i) {
      auto entry = append(head, key, 1'700'000'000'000 + i * 1000, "S-" + std::to_string(i % 2),
                          "{\"phase\":\"step " + std::to_string(i) + "\"}");
      ASSERT_TRUE(entry.ok()) << entry.error().detail;
      head = head_of(entry.value());
      entries.push_back(entry.value());
      lines.push_back(to_json(entry.value()));
    }
  }

  ChainReport check(const std::vector<std::string>& chain, std::optional<ChainHead> expected = std::nullopt) {
    return verify(key.public_key(), chain, expected);
  }

  // The line at `index` with one field edited and its stored hash and signature kept.
  template <class Edit>
  std::vector<std::string> edited(std::size_t index, Edit edit) {
    auto chain = lines;
    ChainEntry e = entries[index];
    edit(e);
    chain[index] = to_json(e);
    return chain;
  }

  crypto::SigningKey key = key_from('k');
  std::vector<ChainEntry> entries;
  std::vector<std::string> lines;
};

void expect_problem(const ChainReport& r, ChainProblem problem, std::size_t index, std::int64_t seq) {
  EXPECT_FALSE(r.ok);
  EXPECT_STREQ(problem_name(r.problem), problem_name(problem)) << r.detail;
  EXPECT_EQ(r.index, index) << r.detail;
  EXPECT_EQ(r.seq, seq) << r.detail;
}

TEST_F(JournalChain, AnAppendedChainVerifies) {
  const ChainReport r = check(lines, head_of(entries.back()));
  EXPECT_TRUE(r.ok) << r.detail;
  EXPECT_EQ(r.entries, 5u);
  EXPECT_EQ(r.problem, ChainProblem::none);
  EXPECT_EQ(entries[0].seq, 1);
  EXPECT_EQ(entries[0].prev_hash, Hash{});
  for (std::size_t i = 1; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].seq, entries[i - 1].seq + 1);
    EXPECT_EQ(entries[i].prev_hash, entries[i - 1].hash);
  }
}

TEST_F(JournalChain, SharedVectorsAppendToTheSameLinesAndVerify) {
  const auto doc = test::load_vectors("journal_chain.json");
  const auto vector_key = crypto::SigningKey::from_seed(test::unhex(doc["seed_hex"].get<std::string>())).value();
  ASSERT_EQ(crypto::to_hex(vector_key.public_key()), doc["public_key_hex"].get<std::string>());
  ChainHead head;
  std::vector<std::string> appended;
  for (std::size_t i = 0; i < doc["appends"].size(); ++i) {
    const auto& a = doc["appends"][i];
    auto entry = append(head, vector_key, a["at_ms"].get<std::int64_t>(), a["session_id"].get<std::string>(),
                        a["record"].get<std::string>());
    ASSERT_TRUE(entry.ok());
    EXPECT_EQ(to_json(entry.value()), doc["lines"][i].get<std::string>());
    head = head_of(entry.value());
    appended.push_back(to_json(entry.value()));
  }
  EXPECT_EQ(head.seq, doc["head"]["seq"].get<std::int64_t>());
  EXPECT_EQ(crypto::to_hex(head.hash), doc["head"]["hash"].get<std::string>());
  EXPECT_TRUE(verify(vector_key.public_key(), appended, head).ok);
}

TEST_F(JournalChain, EntriesRoundTripThroughTheirLine) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto parsed = parse_entry(lines[i]);
    ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
    EXPECT_EQ(to_json(parsed.value()), lines[i]);
    EXPECT_EQ(content_hash(parsed.value()), entries[i].hash);
  }
}

TEST_F(JournalChain, TheEncodingKeepsFieldBoundaries) {
  ChainEntry a = entries[0], b = entries[0];
  a.session_id = "ab";
  a.record = "c";
  b.session_id = "a";
  b.record = "bc";
  EXPECT_NE(content_hash(a), content_hash(b));
}

TEST_F(JournalChain, AChangedRecordTimeOrSessionIsChanged) {
  expect_problem(check(edited(2, [](ChainEntry& e) { e.record[3] ^= 1; })), ChainProblem::changed, 2, 3);
  expect_problem(check(edited(0, [](ChainEntry& e) { e.at_ms += 1; })), ChainProblem::changed, 0, 1);
  expect_problem(check(edited(4, [](ChainEntry& e) { e.session_id = "S-9"; })), ChainProblem::changed, 4, 5);
  expect_problem(check(edited(3, [](ChainEntry& e) { e.prev_hash[0] ^= 1; })), ChainProblem::changed, 3, 4);
}

TEST_F(JournalChain, AChangedByteInTheLineItselfIsCaught) {
  auto chain = lines;
  const auto at = chain[1].find("step 1");
  ASSERT_NE(at, std::string::npos);
  chain[1][at + 5] = '7';
  expect_problem(check(chain), ChainProblem::changed, 1, 2);
}

TEST_F(JournalChain, RemovingTheFirstAMiddleOrTheLastEntryIsRemoved) {
  auto first = lines;
  first.erase(first.begin());
  expect_problem(check(first), ChainProblem::removed, 0, 1);

  auto middle = lines;
  middle.erase(middle.begin() + 2);
  expect_problem(check(middle), ChainProblem::removed, 2, 3);

  auto last = lines;
  last.pop_back();
  EXPECT_TRUE(check(last).ok) << "a cut at the end needs the expected head";
  expect_problem(check(last, head_of(entries.back())), ChainProblem::removed, 4, 5);
}

TEST_F(JournalChain, AnExpectedHeadThatDoesNotMatchIsChanged) {
  ChainHead other = head_of(entries.back());
  other.hash[31] ^= 1;
  expect_problem(check(lines, other), ChainProblem::changed, 4, 5);
  expect_problem(check(lines, head_of(entries[2])), ChainProblem::changed, 4, 5);
}

TEST_F(JournalChain, ASegmentVerifiesAfterTheHeadItContinues) {
  const std::vector<std::string> second_half(lines.begin() + 2, lines.end());
  EXPECT_TRUE(verify(key.public_key(), second_half, head_of(entries.back()), head_of(entries[1])).ok);
  expect_problem(verify(key.public_key(), second_half, std::nullopt, head_of(entries[0])), ChainProblem::removed, 0, 2);
  expect_problem(check(second_half), ChainProblem::removed, 0, 1);
  ChainHead wrong = head_of(entries[1]);
  wrong.hash[5] ^= 1;
  expect_problem(verify(key.public_key(), second_half, std::nullopt, wrong), ChainProblem::removed, 0, 3);
}

TEST_F(JournalChain, SwappedOrMovedEntriesAreReordered) {
  auto swapped = lines;
  std::swap(swapped[1], swapped[2]);
  expect_problem(check(swapped), ChainProblem::reordered, 1, 3);

  auto first_two = lines;
  std::swap(first_two[0], first_two[1]);
  expect_problem(check(first_two), ChainProblem::reordered, 0, 2);

  auto moved_to_end = lines;
  std::rotate(moved_to_end.begin() + 1, moved_to_end.begin() + 2, moved_to_end.end());
  expect_problem(check(moved_to_end), ChainProblem::reordered, 1, 3);

  auto duplicated = lines;
  duplicated.insert(duplicated.begin() + 3, lines[1]);
  expect_problem(check(duplicated), ChainProblem::reordered, 3, 2);
}

TEST_F(JournalChain, AChangedEntryReSignedWithAnotherKeyIsABadSignature) {
  ChainEntry e = entries[2];
  e.record = "{\"phase\":\"forged\"}";
  const ChainHead before = head_of(entries[1]);
  auto forged = append(before, key_from('x'), e.at_ms, e.session_id, e.record);
  ASSERT_TRUE(forged.ok());
  auto chain = lines;
  chain[2] = to_json(forged.value());
  expect_problem(check(chain), ChainProblem::bad_signature, 2, 3);
}

TEST_F(JournalChain, ARecomputedHashWithoutTheKeyIsABadSignature) {
  auto chain = edited(2, [](ChainEntry& e) {
    e.record = "{\"phase\":\"forged\"}";
    e.hash = content_hash(e);
  });
  expect_problem(check(chain), ChainProblem::bad_signature, 2, 3);
}

TEST_F(JournalChain, AnEntrySignedForAnotherChainDoesNotFollow) {
  // Signed by the terminal key, in the right seq, but after a different history.
  ChainHead elsewhere = head_of(entries[1]);
  elsewhere.hash[0] ^= 1;
  auto fork = append(elsewhere, key, entries[2].at_ms, entries[2].session_id, entries[2].record);
  ASSERT_TRUE(fork.ok());
  auto chain = lines;
  chain[2] = to_json(fork.value());
  expect_problem(check(chain), ChainProblem::removed, 2, 3);
}

TEST_F(JournalChain, AnotherTerminalsKeyRejectsTheWholeChain) {
  const ChainReport r = verify(key_from('x').public_key(), lines);
  expect_problem(r, ChainProblem::bad_signature, 0, 1);
}

TEST_F(JournalChain, EmptyAndMalformedLines) {
  expect_problem(check({}), ChainProblem::empty, 0, 0);
  for (const std::string bad : {"", "[]", "{}", "not json", "{\"seq\":1}"}) {
    auto chain = lines;
    chain[1] = bad;
    expect_problem(check(chain), ChainProblem::malformed, 1, 0);
  }
  auto no_sig = lines;
  no_sig[0].replace(no_sig[0].find("\"sig\""), 5, "\"sog\"");
  expect_problem(check(no_sig), ChainProblem::malformed, 0, 0);
}

TEST_F(JournalChain, ParseRefusesFieldsOutsideTheirBounds) {
  const std::string good = lines[0];
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return parse_entry(s);
  };
  EXPECT_EQ(with("\"seq\":1", "\"seq\":0").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(with("\"seq\":1", "\"seq\":1.5").error().code, ErrorCode::malformed_message);
  EXPECT_EQ(with("\"seq\":1", "\"seq\":\"1\"").error().code, ErrorCode::malformed_message);
  EXPECT_EQ(with("\"at_ms\":", "\"at_ms\":-").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(with("\"session\":\"S-0\"", "\"session\":\"\"").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(with("\"session\":\"S-0\"", "\"session\":\"" + std::string(65, 's') + "\"").error().code,
            ErrorCode::invalid_field);
  EXPECT_EQ(with("\"prev\":\"00", "\"prev\":\"0").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(with("\"prev\":\"00", "\"prev\":\"zz").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(with("\"sig\":\"", "\"sig\":\"AAAA").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(parse_entry(std::string(kMaxEntrySize + 1, ' ')).error().code, ErrorCode::input_too_long);
}

TEST_F(JournalChain, AppendRefusesWhatItCouldNotSignSafely) {
  const ChainHead head = head_of(entries.back());
  EXPECT_EQ(append(head, key, 1, "", "{}").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(append(head, key, 1, std::string(kMaxSessionIdSize + 1, 's'), "{}").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(append(head, key, -1, "S", "{}").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(append(ChainHead{-1, {}}, key, 1, "S", "{}").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(append(head, key, 1, "S", std::string(kMaxRecordSize + 1, 'r')).error().code, ErrorCode::input_too_long);
}

TEST_F(JournalChain, TheLargestRecordFitsItsLineEvenWhenEveryByteNeedsEscaping) {
  const std::string worst(kMaxRecordSize, '\x01');  // "\u0001": six bytes each
  auto entry = append(head_of(entries.back()), key, 1, std::string(kMaxSessionIdSize, 's'), worst);
  ASSERT_TRUE(entry.ok());
  const std::string line = to_json(entry.value());
  EXPECT_LE(line.size(), kMaxEntrySize);
  auto chain = lines;
  chain.push_back(line);
  EXPECT_TRUE(check(chain).ok);
}

}  // namespace
}  // namespace qrpos::journal_chain
