#include "text.h"

#include <gtest/gtest.h>

#include <cmath>

namespace poise {
namespace {

TEST(Text, ParseNumberAcceptsYamlDecimals) {
  double v = 0;
  EXPECT_EQ(ParseNumber("3", &v), NumberStatus::kOk);
  EXPECT_EQ(v, 3);
  EXPECT_EQ(ParseNumber("-0.5", &v), NumberStatus::kOk);
  EXPECT_EQ(v, -0.5);
  EXPECT_EQ(ParseNumber("+.5", &v), NumberStatus::kOk);
  EXPECT_EQ(v, 0.5);
  EXPECT_EQ(ParseNumber("1e3", &v), NumberStatus::kOk);
  EXPECT_EQ(v, 1000);
  EXPECT_EQ(ParseNumber("017", &v), NumberStatus::kOk);  // decimal, never octal
  EXPECT_EQ(v, 17);
}

TEST(Text, ParseNumberRejectsTextAndNonFinite) {
  double v = 0;
  for (const char* text : {"", "four", "0x10", "1,5", "3 ", "1e", ".", "inf", "nan", "--1"}) {
    EXPECT_EQ(ParseNumber(text, &v), NumberStatus::kNotANumber) << text;
  }
  for (const char* text : {".inf", "-.Inf", ".NaN", "1e999"}) {
    EXPECT_EQ(ParseNumber(text, &v), NumberStatus::kNonFinite) << text;
  }
}

TEST(Text, ParseFractionForSaatyJudgements) {
  double v = 0;
  EXPECT_EQ(ParseFraction("1/3", &v), NumberStatus::kOk);
  EXPECT_DOUBLE_EQ(v, 1.0 / 3);
  EXPECT_EQ(ParseFraction(" 2 / 4 ", &v), NumberStatus::kOk);
  EXPECT_DOUBLE_EQ(v, 0.5);
  EXPECT_EQ(ParseFraction("5", &v), NumberStatus::kOk);
  EXPECT_EQ(v, 5);
  EXPECT_EQ(ParseFraction("1/0", &v), NumberStatus::kNonFinite);
  EXPECT_EQ(ParseFraction("a/b", &v), NumberStatus::kNotANumber);
}

TEST(Text, FormatNumberRoundTrips) {
  EXPECT_EQ(FormatNumber(0.1), "0.1");
  EXPECT_EQ(FormatNumber(3), "3");
  EXPECT_EQ(FormatNumber(-0.0), "0");
  for (double x : {1.0 / 3, 0.6306179775280899, 1e-7, 66494.0}) {
    EXPECT_EQ(std::stod(FormatNumber(x)), x);
  }
  EXPECT_EQ(FormatFixed(-0.001, 2), "0.00");
  EXPECT_EQ(FormatFixed(0.625, 2), "0.62");  // round half to even on the binary value
}

TEST(Text, IdsAndDidYouMean) {
  EXPECT_TRUE(IsValidId("balanced-coexistence"));
  EXPECT_TRUE(IsValidId("a_1"));
  EXPECT_FALSE(IsValidId("Upper"));
  EXPECT_FALSE(IsValidId("-lead"));
  EXPECT_FALSE(IsValidId(""));
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("titel", "title"), 1);  // one transposition
  EXPECT_EQ(ClosestMatch("mean", {"arithmetic", "geometric", "min"}), std::nullopt);
  EXPECT_EQ(ClosestMatch("d", {"a", "b"}), std::nullopt);
  EXPECT_EQ(ClosestMatch("verison", {"version", "title"}), "version");
  EXPECT_EQ(ClosestMatch("socal", {"national", "social", "human"}), "social");
  EXPECT_EQ(ClosestMatch("zzzzzz", {"national", "social"}), std::nullopt);
  EXPECT_EQ(DidYouMean("humn", {"human"}, "x"), "did you mean 'human'?");
}

TEST(Text, FindInvalidTextLocatesBadBytes) {
  std::string what;
  EXPECT_FALSE(FindInvalidText("ok: caf\xC3\xA9\n\tx", &what).has_value());
  auto mark = FindInvalidText("a: 1\nb: \xFF\n", &what);
  ASSERT_TRUE(mark.has_value());
  EXPECT_EQ(mark->line, 2);
  EXPECT_EQ(mark->column, 4);
  EXPECT_EQ(what, "byte 0xFF is not valid UTF-8");
  mark = FindInvalidText("\xC3\xA9\x01", &what);  // é counts as one column
  ASSERT_TRUE(mark.has_value());
  EXPECT_EQ(mark->column, 2);
  EXPECT_EQ(what, "control character U+0001 in the text");
  EXPECT_TRUE(FindInvalidText("\xC0\x80", &what).has_value());      // overlong
  EXPECT_TRUE(FindInvalidText("\xED\xA0\x80", &what).has_value());  // surrogate
  EXPECT_TRUE(FindInvalidText("\xE2\x82", &what).has_value());      // truncated
}

}  // namespace
}  // namespace poise
