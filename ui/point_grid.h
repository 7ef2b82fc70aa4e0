// A uniform grid over 2-D points for the map's hover and rubber-band lookups: the
// nearest point to the cursor without scanning every point on every mouse move.
#pragma once

#include <cstdint>
#include <vector>

namespace il {

class PointGrid {
 public:
  // xy: x0, y0, x1, y1, ... About four points per cell.
  void build(const std::vector<float>& xy);
  void clear() { *this = PointGrid{}; }
  int64_t size() const { return static_cast<int64_t>(xy_.size() / 2); }

  // The point nearest to (x, y) in pixels, where one pixel is `perPixelX` / `perPixelY`
  // data units, within `maxPixels`; -1 if none. Ties go to the lower index.
  int64_t nearest(double x, double y, double perPixelX, double perPixelY, double maxPixels) const;
  // Every point inside the rectangle, in index order.
  std::vector<int64_t> inside(double x0, double x1, double y0, double y1) const;

 private:
  int64_t cellX(double x) const;
  int64_t cellY(double y) const;

  std::vector<float> xy_;
  double minX_ = 0, minY_ = 0, cellW_ = 1, cellH_ = 1;
  int64_t nx_ = 0, ny_ = 0;
  std::vector<int64_t> start_;   // per cell, into items_
  std::vector<int64_t> items_;   // point indices grouped by cell
};

}  // namespace il
