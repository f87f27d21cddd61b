#if canImport(Glibc)
  @_exported import Glibc
#elseif canImport(Musl)
  @_exported import Musl
#elseif canImport(Darwin)
  @_exported import Darwin
#endif

/// Least-squares slope of `log y` against `log x`: the measured order of an error that behaves
/// like `C·xᵖ`.
public func logLogSlope(_ x: [Double], _ y: [Double]) -> Double {
  precondition(x.count == y.count && x.count >= 2, "need at least two points")
  let lx = x.map { log($0) }
  let ly = y.map { log($0) }
  let n = Double(x.count)
  let mx = lx.reduce(0, +) / n
  let my = ly.reduce(0, +) / n
  var sxy = 0.0
  var sxx = 0.0
  for (a, b) in zip(lx, ly) {
    sxy += (a - mx) * (b - my)
    sxx += (a - mx) * (a - mx)
  }
  return sxy / sxx
}

/// Significant correct digits, as problems.json defines them:
/// `scd = −log10(maxᵢ |yᵢ − refᵢ| / |refᵢ|)` over the components whose reference is not
/// negligible (`|refᵢ| > negligible · maxⱼ |refⱼ|`). The other components are measured against
/// `maxⱼ |refⱼ|` instead, so an error in a component whose exact value is zero still counts.
public func significantCorrectDigits(
  _ y: [Double], reference: [Double], negligible: Double = 1e-6
) -> Double {
  precondition(y.count == reference.count)
  let size = reference.map { abs($0) }.max() ?? 0
  var worst = 0.0
  for (value, exact) in zip(y, reference) {
    let scale = abs(exact) > negligible * size ? abs(exact) : size
    worst = max(worst, abs(value - exact) / scale)
  }
  return -log10(worst)
}

/// Significant correct digits as the Test Set for IVP Solvers scores them:
/// `−log₁₀ maxᵢ |yᵢ − refᵢ|/|refᵢ|` over the components whose reference is not negligible (above
/// 1e-8 of the largest); 17 when they agree exactly.
public func testSetDigits(_ y: [Double], _ reference: [Double]) -> Double {
  let scale = reference.map(abs).max()!
  var worst = 0.0
  for (a, r) in zip(y, reference) where abs(r) > 1e-8 * scale {
    worst = max(worst, abs(a - r) / abs(r))
  }
  return -log10(max(worst, 1e-17))
}

/// `maxᵢ |xᵢ − yᵢ|`.
public func maxAbsDifference(_ x: [Double], _ y: [Double]) -> Double {
  precondition(x.count == y.count)
  return zip(x, y).map { abs($0 - $1) }.max() ?? 0
}

/// `x` in scientific notation with `digits` decimals (`1.23e-08`), without Foundation.
public func scientific(_ x: Double, digits: Int = 2) -> String {
  guard x.isFinite, x != 0 else { return "\(x)" }
  var exponent = Int(floor(log10(abs(x))))
  var mantissa = x / pow(10, Double(exponent))
  let scale = pow(10, Double(digits))
  mantissa = (mantissa * scale).rounded() / scale
  if abs(mantissa) >= 10 {
    mantissa /= 10
    exponent += 1
  }
  let sign = exponent < 0 ? "-" : "+"
  let e = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
  return fixed(mantissa, decimals: digits) + "e" + sign + e
}

/// `x` with `decimals` digits after the point (`3.14`), without Foundation.
public func fixed(_ x: Double, decimals: Int = 2) -> String {
  guard x.isFinite else { return "\(x)" }
  let scale = pow(10, Double(decimals))
  let scaled = Int64((abs(x) * scale).rounded())
  let whole = scaled / Int64(scale)
  var fraction = String(scaled % Int64(scale))
  while fraction.count < decimals { fraction = "0" + fraction }
  let sign = x < 0 && scaled != 0 ? "-" : ""
  return decimals > 0 ? "\(sign)\(whole).\(fraction)" : "\(sign)\(whole)"
}
