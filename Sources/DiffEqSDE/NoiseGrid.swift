/// A given Brownian path to drive an SDE solve (DifferentialEquations.jl's `NoiseGrid`):
/// times `t₀ < t₁ < …` and the values `W(tₖ)`, optionally with the values `Z(tₖ)` of the
/// second process the SRI and SRA methods use for the iterated integral
/// `I₍₁,₀₎ = ½ h (ΔW + ΔZ/√3)`.
///
/// Steps that land on grid times read the grid; between grid times `W` is sampled by the
/// Brownian bridge between the nearest known values (seeded by the solve's `seed`), so an
/// adaptive method keeps the path's distribution. Without `Z` a method that needs it draws a
/// fresh one from the seed.
///
/// ```swift
/// let first = try solve(prob, EM(), dt: 1.0 / 256, seed: 7)
/// var replay = prob
/// replay.noiseProcess = .grid(NoiseGrid(first.W))
/// let again = try solve(replay, EM(), dt: 1.0 / 256)   // the same path, the same solution
/// ```
public struct NoiseGrid: Sendable {
  /// Which of the grid's processes a ``WienerProcess`` follows.
  public enum Component: Sendable, Equatable {
    /// `W`.
    case w
    /// `Z`.
    case z
  }

  /// The grid's times, strictly increasing.
  public let t: [Double]
  // swift-format-ignore: AlwaysUseLowerCamelCase
  /// `W(tₖ)`, one array of `m` values per time.
  public let W: [[Double]]
  // swift-format-ignore: AlwaysUseLowerCamelCase
  /// `Z(tₖ)`, when given.
  public let Z: [[Double]]?

  /// A grid of `W` (and optionally `Z`) values at the times `t`. ``problem(dimension:tspan:)``
  /// is checked when the solve starts.
  public init(t: [Double], W: [[Double]], Z: [[Double]]? = nil) {
    self.t = t
    self.W = W
    self.Z = Z
    flatW = W.flatMap { $0 }
    flatZ = Z.map { $0.flatMap { $0 } }
  }

  /// The path a solve used (`sol.W`), and optionally its `sol.Z`, to solve again on it.
  public init(_ w: WienerProcess, z: WienerProcess? = nil) {
    let m = w.dimension
    func rows(_ process: WienerProcess) -> [[Double]] {
      (0..<process.times.count).map { k in Array(process.values[(k * m)..<((k + 1) * m)]) }
    }
    self.init(t: w.times, W: rows(w), Z: z.map(rows))
  }

  /// The number of components (of the first value).
  public var dimension: Int { W.first?.count ?? 0 }

  /// `W`'s values, one time after another (what a solve reads).
  let flatW: [Double]
  /// `Z`'s values, one time after another.
  let flatZ: [Double]?

  /// The reason the grid cannot drive an `m`-dimensional noise over `tspan`, or `nil`:
  /// at least two times, strictly increasing and finite, covering `tspan`; one value of `m`
  /// finite components per time for `W` (and `Z`).
  public func problem(dimension m: Int, tspan: (Double, Double)) -> String? {
    guard t.count >= 2 else { return "the grid needs at least two times" }
    for k in 0..<t.count {
      if !t[k].isFinite { return "time \(k) of the grid is not finite" }
      if k > 0 && !(t[k] > t[k - 1]) { return "the grid's times must increase (at index \(k))" }
    }
    if tspan.1 < tspan.0 { return "a grid drives forward solves only" }
    if t[0] > tspan.0 || t[t.count - 1] < tspan.1 {
      return
        "the grid covers [\(t[0]), \(t[t.count - 1])] but the solve spans [\(tspan.0), \(tspan.1)]"
    }
    var processes = [("W", W)]
    if let z = Z { processes.append(("Z", z)) }
    for (name, rows) in processes {
      if rows.count != t.count {
        return "\(name) has \(rows.count) values for \(t.count) times"
      }
      for (k, row) in rows.enumerated() {
        if row.count != m {
          return "\(name)[\(k)] has \(row.count) components; the noise has \(m)"
        }
        if !row.allSatisfy(\.isFinite) { return "\(name)[\(k)] is not finite" }
      }
    }
    return nil
  }
}
