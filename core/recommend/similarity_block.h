// The user x item similarity block behind the heatmap: which users and items to show
// (a user, their nearest neighbours by long-term profile, and the union of those users'
// top items), the cosine of each row's profile with each item vector, and an order of
// rows and columns that lets groups show as blocks. Selections over the cap are sampled
// deterministically and say so.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "../matrix.h"

namespace il {

class Recommender;

enum class BlockRows {
  Users,      // one row per user: their long-term profile
  Interests,  // one row per interest of the chosen user (its centroid)
};

struct SimilarityBlockOptions {
  BlockRows rows = BlockRows::Users;
  int neighbours = 15;           // users besides the chosen one (Users mode)
  int itemsPerRow = 5;           // top items each row contributes to the columns
  int maxColumns = 40;           // of the automatic selection
  std::string model = "hybrid";  // ranks each user's top items; unknown -> hybrid
  int maxRows = 200, maxCols = 200;  // larger blocks are sampled (evenly spaced)
  bool order = true;             // reorder rows and columns (see orderBlock)
};

struct SimilarityBlock {
  BlockRows rowsKind = BlockRows::Users;
  std::vector<int32_t> users;     // per row: its user (Interests: the chosen user)
  std::vector<int> interests;     // per row: index into the profile's interests, -1 for Users
  std::vector<int32_t> items;     // per column
  // rows x cols cosine in [-1, 1]; NaN where the row has no profile or the item no vector.
  Matrix values;
  int focusRow = -1;              // the chosen user's row (Users mode), -1 otherwise
  bool sampled = false;           // rows or columns were left out to respect the cap
  int64_t selectedRows = 0, selectedCols = 0;  // sizes before sampling
  std::string message;            // why the block is empty, e.g. no vectors

  int rows() const { return static_cast<int>(values.rows); }
  int cols() const { return static_cast<int>(values.cols); }
  bool empty() const { return values.rows == 0 || values.cols == 0; }
};

// The automatic selection around `user`. Needs item vectors and profiles (a recommender
// built with vectors); otherwise an empty block with `message` set.
SimilarityBlock similarityBlock(const Recommender& recommender, int32_t user,
                                const SimilarityBlockOptions& options = {});

// The block of explicit users (Users mode) and items, in that order unless options.order.
// Invalid indices are dropped; the interests and neighbour fields of options are unused.
SimilarityBlock similarityBlock(const Recommender& recommender, std::span<const int32_t> users,
                                std::span<const int32_t> items, const SimilarityBlockOptions& options = {});

// Orders of rows and columns: the rows (columns) most extreme on the leading singular
// vector of the double-centred block start a greedy nearest-neighbour chain, so rows
// that look alike end up next to each other. Deterministic; NaN counts as 0.
struct BlockOrder {
  std::vector<int> rows, cols;  // new position -> old index
};
BlockOrder orderBlock(const Matrix& values);

// `count` of `n` indices, evenly spaced and ascending, always holding `keep` (if >= 0).
std::vector<int64_t> evenSample(int64_t n, int64_t count, int64_t keep = -1);

}  // namespace il
