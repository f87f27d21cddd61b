import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An `m`-dimensional Wiener process `W(t)` with a seeded, reproducible generator, and the
/// path it took.
///
/// Increments `ΔW ~ N(0, Δt Γ)` (`Γ = I` unless the problem asks for
/// ``NoiseProcess/correlatedWiener(covariance:)``; then `ΔW = L ξ √Δt` with `Γ = L Lᵀ` the
/// Cholesky factorisation) come from ``SplitMix64`` (the same seed gives the same path on
/// every platform) through the Marsaglia polar method (two normals per accepted pair of
/// uniforms; `log` and `sqrt`, no trigonometry).
///
/// **Rejected steps keep the path (rejection sampling with memory, Rackauckas & Nie 2017).**
/// An increment drawn for a step that is then rejected is not thrown away: it goes back on a
/// stack of future increments, and a later request for a shorter interval takes its part by
/// the Brownian bridge,
///
/// ```
/// ΔW(s) | ΔW(τ) ~ N((s/τ)·ΔW(τ), s(τ − s)/τ · Γ),   the rest (τ − s, ΔW(τ) − ΔW(s)) stays on the stack
/// ```
///
/// so the path keeps its exact distribution however the steps are chosen, and a longer
/// request consumes stacked pieces before drawing new ones. A step shortened by an event
/// keeps the bridged part of its increment and stacks the rest the same way.
///
/// **Replayed paths.** Following a ``NoiseGrid``, `W` is read from the grid at grid times and
/// sampled by the Brownian bridge between the nearest known values elsewhere (every sampled
/// value is kept until the solve passes it, so rejected steps keep the path here too).
public struct WienerProcess: Sendable {
  /// Number of components.
  public let dimension: Int
  /// The generator.
  @usableFromInline var rng: SplitMix64
  /// The second normal of the last polar pair, when unused.
  @usableFromInline var spare: Double?
  /// Times of the path, in order.
  @inlinable public var times: [Double] { _times }
  @usableFromInline var _times: [Double]
  /// `W` at each of ``times``, `dimension` values per time, one time after another.
  @inlinable public var values: [Double] { _values }
  @usableFromInline var _values: [Double]
  /// The current value `W(t)` (scratch for appending).
  @usableFromInline var current: [Double]
  /// Future intervals already drawn (the last is the nearest), and their increments
  /// (`dimension` values each, in the same order).
  @usableFromInline var stackSpans: [Double] = []
  @usableFromInline var stackIncrements: [Double] = []
  /// The lower-triangular Cholesky factor `L` of the covariance, row-major (empty: `Γ = I`).
  @usableFromInline var cholesky: [Double] = []
  /// The covariance `Γ`, row-major (empty: `Γ = I`).
  @usableFromInline var gamma: [Double] = []
  /// Independent normals (scratch for correlating) and the last ``drawGaussian(scale:)``.
  @usableFromInline var xi: [Double]
  @usableFromInline var gaussian: [Double]
  /// The replayed path (times, and `dimension` values per time), when following a grid.
  @usableFromInline var gridTimes: [Double] = []
  @usableFromInline var gridValues: [Double] = []
  /// Index of the last grid time at or before the current time.
  @usableFromInline var gridCursor = 0
  /// Values sampled between grid times ahead of the current time (sorted by time).
  @usableFromInline var extraTimes: [Double] = []
  @usableFromInline var extraValues: [Double] = []
  /// The path as a function of time, when it is a virtual Brownian tree, and its last value.
  @usableFromInline var tree: VirtualBrownianTree?
  @usableFromInline var treeTime = -Double.infinity
  @usableFromInline var treeValues: [Double] = []

  /// A process starting at `W(t₀) = 0` with independent components.
  public init(dimension: Int, t0: Double, seed: UInt64) {
    self.dimension = dimension
    rng = SplitMix64(seed: seed)
    _times = [t0]
    _values = [Double](repeating: 0, count: dimension)
    current = [Double](repeating: 0, count: dimension)
    xi = current
    gaussian = current
  }

  /// A process starting at `W(t₀) = 0` whose increments have covariance `Δt Γ`; `covariance`
  /// must be symmetric positive definite (``choleskyFactor(_:)`` checks it).
  public init(covariance: [[Double]], t0: Double, seed: UInt64) {
    self.init(dimension: covariance.count, t0: t0, seed: seed)
    cholesky = Self.choleskyFactor(covariance) ?? []
    gamma = cholesky.isEmpty ? [] : covariance.flatMap { $0 }
  }

  /// `Γᵢⱼ`: the covariance of `Wᵢ` and `Wⱼ` per unit time (`δᵢⱼ` for independent components,
  /// and for a replayed path, whose quadratic variation the method cannot know).
  @inlinable
  public func covariance(_ i: Int, _ j: Int) -> Double {
    gamma.isEmpty ? (i == j ? 1 : 0) : gamma[i * dimension + j]
  }

  /// A process that follows `grid` (`W` for `component: .w`, `Z` for `.z`) from `t₀`,
  /// bridging between grid times with the generator seeded by `seed`.
  public init(replaying grid: NoiseGrid, component: NoiseGrid.Component, t0: Double, seed: UInt64) {
    self.init(dimension: grid.dimension, t0: t0, seed: seed)
    gridTimes = grid.t
    gridValues = component == .w ? grid.flatW : grid.flatZ ?? []
    gridCursor = 0
    while gridCursor + 1 < gridTimes.count && gridTimes[gridCursor + 1] <= t0 { gridCursor += 1 }
    // W(t₀) from the grid (bridged when t₀ falls between grid times).
    _times = [-Double.infinity]
    var start = current
    sample(at: t0, into: &start)
    current = start
    _times = [t0]
    extraTimes.removeAll()
    extraValues.removeAll()
    _values = current
  }

  /// A process that reads `tree` (the same seed gives the same path whatever the steps).
  public init(tree: VirtualBrownianTree) {
    self.init(dimension: tree.dimension, t0: tree.t0, seed: tree.seed)
    self.tree = tree
    treeValues = current
  }

  /// The lower-triangular `L` with `L Lᵀ = Γ`, row-major, or `nil` when `Γ` is not square,
  /// not symmetric, not finite or not positive definite.
  public static func choleskyFactor(_ covariance: [[Double]]) -> [Double]? {
    let m = covariance.count
    guard m > 0, covariance.allSatisfy({ $0.count == m && $0.allSatisfy(\.isFinite) }) else {
      return nil
    }
    for i in 0..<m {
      for j in 0..<i {
        let scale = max(abs(covariance[i][j]), abs(covariance[j][i]), 1e-300)
        if abs(covariance[i][j] - covariance[j][i]) > 1e-12 * scale { return nil }
      }
    }
    var l = [Double](repeating: 0, count: m * m)
    for i in 0..<m {
      for j in 0...i {
        var sum = covariance[i][j]
        for k in 0..<j { sum -= l[i * m + k] * l[j * m + k] }
        if i == j {
          guard sum > 0 else { return nil }
          l[i * m + i] = sum.squareRoot()
        } else {
          l[i * m + j] = sum / l[j * m + j]
        }
      }
    }
    return l
  }

  /// Whether the process follows a ``NoiseGrid``.
  @inlinable
  public var isReplaying: Bool { !gridTimes.isEmpty }

  /// A standard normal number.
  @inlinable
  public mutating func normal() -> Double {
    if let s = spare {
      spare = nil
      return s
    }
    while true {
      // Uniforms in (−1, 1) from the top 53 bits.
      let x = Double(rng.next() >> 11) * 0x1p-52 - 1
      let y = Double(rng.next() >> 11) * 0x1p-52 - 1
      let r = x * x + y * y
      if r > 0 && r < 1 {
        let factor = (-2 * log(r) / r).squareRoot()
        spare = y * factor
        return x * factor
      }
    }
  }

  /// Draws `scale · L ξ` (`ξ` standard normal, `L = I` for independent components) into
  /// ``gaussian``.
  @inlinable
  mutating func drawGaussian(scale: Double) {
    let m = dimension
    if cholesky.isEmpty {
      for i in 0..<m { gaussian[i] = scale * normal() }
      return
    }
    for i in 0..<m { xi[i] = normal() }
    for i in 0..<m {
      var acc = 0.0
      for k in 0...i { acc += cholesky[i * m + k] * xi[k] }
      gaussian[i] = scale * acc
    }
  }

  /// The increment over the next `|dt|` of time into `dW` (`dimension` entries): from the
  /// stack of increments already drawn when there are any (bridged where the request ends
  /// inside one), fresh `N(0, ·)` otherwise; for a replayed path, the path's value there
  /// minus the current one.
  @inlinable
  public mutating func increment(_ dt: Double, into dW: inout [Double]) {
    if tree != nil {
      readTree(at: _times[_times.count - 1] + abs(dt), minus: current, into: &dW)
      return
    }
    if isReplaying {
      sample(at: _times[_times.count - 1] + abs(dt), into: &dW)
      for i in 0..<dimension { dW[i] -= current[i] }
      return
    }
    var need = abs(dt)
    for i in 0..<dimension { dW[i] = 0 }
    while need > 0 {
      guard let tau = stackSpans.last else {
        drawGaussian(scale: need.squareRoot())
        for i in 0..<dimension { dW[i] += gaussian[i] }
        return
      }
      let base = stackIncrements.count - dimension
      if need >= tau * (1 - 1e-12) {
        // The whole stacked piece lies inside the request.
        for i in 0..<dimension { dW[i] += stackIncrements[base + i] }
        stackSpans.removeLast()
        stackIncrements.removeLast(dimension)
        need -= tau
        if need <= 1e-12 * tau { return }
      } else {
        // The request ends inside the piece: bridge.
        let fraction = need / tau
        drawGaussian(scale: (need * (tau - need) / tau).squareRoot())
        for i in 0..<dimension {
          let whole = stackIncrements[base + i]
          let part = fraction * whole + gaussian[i]
          dW[i] += part
          stackIncrements[base + i] = whole - part
        }
        stackSpans[stackSpans.count - 1] = tau - need
        return
      }
    }
  }

  /// Puts back an increment drawn for a step that was rejected: it covers the next `|dt|`
  /// of time again. (A replayed path keeps its sampled values instead.)
  @inlinable
  public mutating func reject(_ dt: Double, _ dW: [Double]) {
    if isReplaying || tree != nil { return }
    stackSpans.append(abs(dt))
    stackIncrements.append(contentsOf: dW[0..<dimension])
  }

  /// Shortens the increment `dW` drawn over `|span|` to its part over the first `|shorter|`
  /// (a step cut short by an event): the Brownian bridge, with the rest stacked for the
  /// steps to come.
  @inlinable
  public mutating func shorten(_ dW: inout [Double], span: Double, to shorter: Double) {
    let tau = abs(span)
    let s = abs(shorter)
    guard s < tau else { return }
    if tree != nil {
      readTree(at: _times[_times.count - 1] + s, minus: current, into: &dW)
      return
    }
    if isReplaying {
      sample(at: _times[_times.count - 1] + s, into: &dW)
      for i in 0..<dimension { dW[i] -= current[i] }
      return
    }
    let fraction = s / tau
    drawGaussian(scale: (s * (tau - s) / tau).squareRoot())
    stackSpans.append(tau - s)
    for i in 0..<dimension {
      let part = fraction * dW[i] + gaussian[i]
      stackIncrements.append(dW[i] - part)
      dW[i] = part
    }
  }

  /// Records `W(t) = W(previous) + dW`.
  @inlinable
  public mutating func accept(_ dW: [Double], at t: Double) {
    if tree != nil && t == treeTime {
      // W(t) itself, not W(previous) + ΔW rounded: the recorded path is the tree's.
      for i in 0..<dimension { current[i] = treeValues[i] }
    } else {
      for i in 0..<dimension { current[i] += dW[i] }
    }
    _times.append(t)
    _values.append(contentsOf: current)
    if isReplaying {
      while gridCursor + 1 < gridTimes.count && gridTimes[gridCursor + 1] <= t { gridCursor += 1 }
      var drop = 0
      while drop < extraTimes.count && extraTimes[drop] <= t { drop += 1 }
      if drop > 0 {
        extraTimes.removeFirst(drop)
        extraValues.removeFirst(drop * dimension)
      }
    }
  }

  /// `W(s) − base` from the tree into `out`, remembering `W(s)`.
  @inlinable
  mutating func readTree(at s: Double, minus base: [Double], into out: inout [Double]) {
    guard let tree else { return }
    tree.value(at: s, into: &treeValues)
    treeTime = s
    for i in 0..<dimension { out[i] = treeValues[i] - base[i] }
  }

  /// `W` at the `k`-th recorded time.
  public func value(at k: Int) -> [Double] {
    Array(values[(k * dimension)..<((k + 1) * dimension)])
  }

  /// The replayed path's value at `s` (at or after the current time) into `out`: the grid's
  /// value at a grid time (or a value sampled before), otherwise a Brownian-bridge sample
  /// between the nearest known values, which is then kept. Past the grid's end the path
  /// continues with fresh increments.
  @inlinable
  mutating func sample(at s: Double, into out: inout [Double]) {
    let m = dimension
    // The first grid time at or after s.
    var right = gridCursor
    while right < gridTimes.count && gridTimes[right] < s { right += 1 }
    // A grid time within rounding of s is s.
    let interval = min(max(right, 1), gridTimes.count - 1)
    let spacing = gridTimes[interval] - gridTimes[interval - 1]
    var candidate = right - 1
    while candidate <= right {
      if candidate >= 0 && candidate < gridTimes.count
        && abs(gridTimes[candidate] - s) <= 1e-9 * abs(spacing)
      {
        for i in 0..<m { out[i] = gridValues[candidate * m + i] }
        return
      }
      candidate += 1
    }
    // Nearest known values around s: the grid, the current point, kept samples.
    var tl = right > 0 ? gridTimes[right - 1] : -Double.infinity
    var leftIndex = right > 0 ? right - 1 : -1
    var leftIsExtra = false
    let tNow = _times[_times.count - 1]
    var leftIsCurrent = false
    if tNow >= tl {
      tl = tNow
      leftIsCurrent = true
    }
    var tr = right < gridTimes.count ? gridTimes[right] : Double.infinity
    var rightIndex = right < gridTimes.count ? right : -1
    var rightIsExtra = false
    var insertAt = extraTimes.count
    for k in 0..<extraTimes.count {
      let te = extraTimes[k]
      if abs(te - s) <= 1e-12 * max(abs(s), 1) {
        for i in 0..<m { out[i] = extraValues[k * m + i] }
        return
      }
      if te < s && te >= tl {
        tl = te
        leftIndex = k
        leftIsExtra = true
        leftIsCurrent = false
      }
      if te > s {
        if te < tr {
          tr = te
          rightIndex = k
          rightIsExtra = true
        }
        insertAt = min(insertAt, k)
      }
    }
    for i in 0..<m {
      gaussian[i] =
        leftIsCurrent
        ? current[i] : leftIsExtra ? extraValues[leftIndex * m + i] : gridValues[leftIndex * m + i]
    }
    for i in 0..<m { out[i] = gaussian[i] }
    if rightIndex < 0 {
      // Past the grid: a fresh increment.
      drawGaussian(scale: (s - tl).squareRoot())
      for i in 0..<m { out[i] += gaussian[i] }
    } else {
      let fraction = (s - tl) / (tr - tl)
      for i in 0..<m {
        let wr = rightIsExtra ? extraValues[rightIndex * m + i] : gridValues[rightIndex * m + i]
        out[i] += fraction * (wr - out[i])
      }
      drawGaussian(scale: ((s - tl) * (tr - s) / (tr - tl)).squareRoot())
      for i in 0..<m { out[i] += gaussian[i] }
    }
    extraTimes.insert(s, at: insertAt)
    extraValues.insert(contentsOf: out[0..<m], at: insertAt * m)
  }
}
