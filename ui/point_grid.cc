#include "point_grid.h"

#include <algorithm>
#include <cmath>

namespace il {

void PointGrid::build(const std::vector<float>& xy) {
  xy_ = xy;
  const int64_t n = size();
  nx_ = ny_ = 0;
  start_.clear(), items_.clear();
  if (n == 0) return;
  double x0 = xy[0], x1 = xy[0], y0 = xy[1], y1 = xy[1];
  for (int64_t i = 1; i < n; ++i) {
    x0 = std::min<double>(x0, xy[static_cast<size_t>(2 * i)]), x1 = std::max<double>(x1, xy[static_cast<size_t>(2 * i)]);
    y0 = std::min<double>(y0, xy[static_cast<size_t>(2 * i + 1)]), y1 = std::max<double>(y1, xy[static_cast<size_t>(2 * i + 1)]);
  }
  const int64_t side = std::clamp<int64_t>(static_cast<int64_t>(std::sqrt(static_cast<double>(n) / 4.0)), 1, 1024);
  nx_ = ny_ = side;
  minX_ = x0, minY_ = y0;
  cellW_ = std::max(1e-12, (x1 - x0) / static_cast<double>(side)) * (1 + 1e-9);
  cellH_ = std::max(1e-12, (y1 - y0) / static_cast<double>(side)) * (1 + 1e-9);
  std::vector<int64_t> cellOf(static_cast<size_t>(n));
  start_.assign(static_cast<size_t>(nx_ * ny_ + 1), 0);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t c = cellY(xy[static_cast<size_t>(2 * i + 1)]) * nx_ + cellX(xy[static_cast<size_t>(2 * i)]);
    cellOf[static_cast<size_t>(i)] = c;
    ++start_[static_cast<size_t>(c + 1)];
  }
  for (size_t c = 1; c < start_.size(); ++c) start_[c] += start_[c - 1];
  items_.resize(static_cast<size_t>(n));
  std::vector<int64_t> fill(start_.begin(), start_.end() - 1);
  for (int64_t i = 0; i < n; ++i) items_[static_cast<size_t>(fill[static_cast<size_t>(cellOf[static_cast<size_t>(i)])]++)] = i;
}

int64_t PointGrid::cellX(double x) const {
  return std::clamp<int64_t>(static_cast<int64_t>(std::floor((x - minX_) / cellW_)), 0, nx_ - 1);
}

int64_t PointGrid::cellY(double y) const {
  return std::clamp<int64_t>(static_cast<int64_t>(std::floor((y - minY_) / cellH_)), 0, ny_ - 1);
}

int64_t PointGrid::nearest(double x, double y, double perPixelX, double perPixelY, double maxPixels) const {
  if (nx_ == 0 || !(perPixelX > 0) || !(perPixelY > 0)) return -1;
  const double rx = maxPixels * perPixelX, ry = maxPixels * perPixelY;
  if (x + rx < minX_ || y + ry < minY_ || x - rx > minX_ + cellW_ * static_cast<double>(nx_) ||
      y - ry > minY_ + cellH_ * static_cast<double>(ny_))
    return -1;
  const int64_t cx0 = cellX(x - rx), cx1 = cellX(x + rx), cy0 = cellY(y - ry), cy1 = cellY(y + ry);
  int64_t best = -1;
  double bestD = maxPixels * maxPixels;
  for (int64_t cy = cy0; cy <= cy1; ++cy)
    for (int64_t cx = cx0; cx <= cx1; ++cx) {
      const int64_t c = cy * nx_ + cx;
      for (int64_t k = start_[static_cast<size_t>(c)]; k < start_[static_cast<size_t>(c + 1)]; ++k) {
        const int64_t i = items_[static_cast<size_t>(k)];
        const double dx = (xy_[static_cast<size_t>(2 * i)] - x) / perPixelX, dy = (xy_[static_cast<size_t>(2 * i + 1)] - y) / perPixelY;
        const double d = dx * dx + dy * dy;
        if (d < bestD || (d == bestD && best >= 0 && i < best)) bestD = d, best = i;
      }
    }
  return best;
}

std::vector<int64_t> PointGrid::inside(double x0, double x1, double y0, double y1) const {
  std::vector<int64_t> out;
  if (nx_ == 0) return out;
  if (x0 > x1) std::swap(x0, x1);
  if (y0 > y1) std::swap(y0, y1);
  for (int64_t cy = cellY(y0); cy <= cellY(y1); ++cy)
    for (int64_t cx = cellX(x0); cx <= cellX(x1); ++cx) {
      const int64_t c = cy * nx_ + cx;
      for (int64_t k = start_[static_cast<size_t>(c)]; k < start_[static_cast<size_t>(c + 1)]; ++k) {
        const int64_t i = items_[static_cast<size_t>(k)];
        const double px = xy_[static_cast<size_t>(2 * i)], py = xy_[static_cast<size_t>(2 * i + 1)];
        if (px >= x0 && px <= x1 && py >= y0 && py <= y1) out.push_back(i);
      }
    }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace il
