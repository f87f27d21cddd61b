#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A work-precision diagram as SVG: log10(final error) against log10(time), one line per
/// method (SciMLBenchmarks' layout: further left is more accurate, lower is faster).
func workPrecisionSVG(title: String, _ points: [WorkPrecisionPoint]) -> String {
  let series = Dictionary(grouping: points.filter { ($0.finalError ?? 0) > 0 }) { $0.method }
  let xs = points.compactMap { $0.finalError }.filter { $0 > 0 }.map { log10($0) }
  let ys = points.map { log10($0.time) }
  guard let xmin = xs.min(), let xmax = xs.max(), let ymin = ys.min(), let ymax = ys.max() else {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
  }
  let (w, h, m, legend) = (840.0, 480.0, 60.0, 120.0)
  func px(_ x: Double) -> Double { m + (x - xmin) / max(xmax - xmin, 1e-9) * (w - 2 * m - legend) }
  func py(_ y: Double) -> Double { h - m - (y - ymin) / max(ymax - ymin, 1e-9) * (h - 2 * m) }
  let palette = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#000000", "#aa3377",
  ]
  var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" "
  s +=
    "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
  s += "<text x=\"\(w / 2)\" y=\"20\" text-anchor=\"middle\" font-size=\"15\">\(title)</text>\n"
  s +=
    "<rect x=\"\(m)\" y=\"\(m)\" width=\"\(w - 2 * m - legend)\" height=\"\(h - 2 * m)\" fill=\"none\" stroke=\"black\"/>\n"
  for e in Int(xmin.rounded(.down))...Int(xmax.rounded(.up))
  where Double(e) >= xmin && Double(e) <= xmax {
    s += "<text x=\"\(px(Double(e)))\" y=\"\(h - m + 16)\" text-anchor=\"middle\">1e\(e)</text>\n"
  }
  for e in Int(ymin.rounded(.down))...Int(ymax.rounded(.up))
  where Double(e) >= ymin && Double(e) <= ymax {
    s += "<text x=\"\(m - 6)\" y=\"\(py(Double(e)) + 4)\" text-anchor=\"end\">1e\(e)</text>\n"
  }
  s +=
    "<text x=\"\((w - legend) / 2)\" y=\"\(h - 15)\" text-anchor=\"middle\">final error (mean absolute)</text>\n"
  s +=
    "<text x=\"15\" y=\"\(h / 2)\" transform=\"rotate(-90 15 \(h / 2))\" text-anchor=\"middle\">time (s)</text>\n"
  for (i, name) in series.keys.sorted().enumerated() {
    let pts = series[name]!.sorted { $0.k < $1.k }
    let color = palette[i % palette.count]
    let coords = pts.map { "\(px(log10($0.finalError!))),\(py(log10($0.time)))" }
    s +=
      "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(coords.joined(separator: " "))\"/>\n"
    s +=
      "<text x=\"\(w - m - legend + 8)\" y=\"\(m + 14 * Double(i))\" fill=\"\(color)\">\(name)</text>\n"
  }
  return s + "</svg>\n"
}
