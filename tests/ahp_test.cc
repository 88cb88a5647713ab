#include <gtest/gtest.h>

#include "poise/weights.h"

namespace poise {
namespace {

TEST(Ahp, PlaceholderCompiles) { EXPECT_DOUBLE_EQ(SaatyRandomIndex(3), 0.58); }

}  // namespace
}  // namespace poise
