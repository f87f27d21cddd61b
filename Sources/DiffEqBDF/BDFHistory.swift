import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The variable-step, variable-order machinery of a fixed-leading-coefficient BDF, shared by
/// ``FBDFStepper`` (`u′ = f`, `M u′ = f`) and the residual-form DAE stepper of `DiffEqDAE`:
/// the accepted states, the interpolated predictor and equidistant back values, the local
/// error estimates of neighbouring orders, the choice of the next order and step, and the
/// dense output. The corrector (the nonlinear solve) is the stepper's.
///
/// A step of size `h` and order `k` from the accepted states `uₙ, uₙ₋₁, …` interpolates them
/// (the polynomial `P` of degree `k` through `uₙ … uₙ₋ₖ`) onto `yⱼ = P(tₙ₊₁ − jh)`,
/// `j = 1 … k`, and the corrector solves the constant-step formula
///
/// ```
/// α₀ uₙ₊₁ + Σⱼ αⱼ yⱼ = h u′ₙ₊₁,   i.e.   u′ₙ₊₁ = (α₀/h)(uₙ₊₁ + c),   c = Σⱼ (αⱼ/α₀) yⱼ,
/// ```
///
/// from the predictor `P(tₙ₊₁)`. The order-`q` local error is estimated from divided
/// differences, `q! hᑫ⁺¹ [uₙ₊₁, uₙ, …, uₙ₋q] · |1 + (q + 1) Σⱼ αⱼ rⱼ|`
/// (`hᑫ⁺¹u⁽ᑫ⁺¹⁾/(q + 1)` times the growth from interpolating a variable-step history), and
/// the next order (among `k − 1, k, k + 1`) and step are those that allow the longest step
/// with CVODE's biases. The history enters every formula at offsets built from the steps
/// taken, never at differences of stored times (which lose digits when the step is tiny next
/// to `t`).
public struct BDFHistory<State: StateVector>: Sendable {
  /// Most history points kept (order 5 needs 6, its order-6 error estimate 7).
  @usableFromInline static var capacity: Int { 7 }

  /// The highest order.
  public let maxOrder: Int
  /// Accepted times and states, most recent first; `count` of them are valid.
  @usableFromInline var times: [Double]
  /// `steps[j] = times[j] − times[j + 1]` as the method took it (see ``setNodes(count:)``).
  @usableFromInline var steps: [Double]
  @usableFromInline var states: [State]
  @usableFromInline var count = 0
  /// The order of the next step and the steps taken at the current order.
  @usableFromInline var currentOrder = 1
  @usableFromInline var stepsAtOrder = 0
  /// The order of the step in progress (or last taken), and whether it has been accepted.
  @usableFromInline var stepOrder = 1
  @usableFromInline var stepAccepted = false
  @usableFromInline var stepStart = 0.0
  @usableFromInline var stepSize = 0.0
  /// The step's end state (the candidate, once the corrector has converged).
  public var end: State
  /// Proposals made by the last step: after acceptance (step, order) and after rejection.
  @usableFromInline var nextStepIfAccepted: Double?
  @usableFromInline var nextOrderIfAccepted = 1
  @usableFromInline var nextStepIfRejected: Double?
  @usableFromInline var rejections = 0
  /// Lagrange weights and nodes, barycentric weights and the predictor's summed weights
  /// (scratch).
  @usableFromInline var weights: [Double]
  @usableFromInline var nodes: [Double]
  @usableFromInline var barycentric: [Double]
  @usableFromInline var combinationWeights: [Double]
  @usableFromInline var predictorWeights: [Double]
  /// What the predictor's weights were made for: `[h, steps[0], …, steps[k − 1]]` and `k`
  /// (0: none yet). On a run of equal steps they are reused unchanged.
  @usableFromInline var predictorKey: [Double]
  @usableFromInline var predictorKeyOrder = 0
  /// The error estimates' weights by order `q` (row `q`, ``cacheStride`` wide): the key
  /// `[h, steps[0], …, steps[q − 1]]`, the divided-difference weights of the `q + 2` points
  /// and the factor `q! |h|ᑫ⁺¹ · |1 + (q + 1) Σⱼ αⱼ rⱼ|`. The keys start at 0, which no step
  /// matches (`h ≠ 0`).
  @usableFromInline var estimateKeys: [Double]
  @usableFromInline var estimateWeights: [Double]
  @usableFromInline var estimateScales: [Double]

  /// Buffers for states shaped like `prototype`, orders up to `maxOrder` (clamped to 1 … 5).
  public init(prototype: State, maxOrder: Int) {
    self.maxOrder = max(1, min(5, maxOrder))
    times = [Double](repeating: 0, count: Self.capacity)
    steps = [Double](repeating: 0, count: Self.capacity)
    states = (0..<Self.capacity).map { _ in prototype.zeroed() }
    end = prototype.zeroed()
    weights = [Double](repeating: 0, count: Self.capacity + 1)
    nodes = [Double](repeating: 0, count: Self.capacity + 1)
    barycentric = [Double](repeating: 0, count: Self.capacity + 1)
    combinationWeights = [Double](repeating: 0, count: Self.capacity + 1)
    predictorWeights = [Double](repeating: 0, count: Self.capacity + 1)
    predictorKey = [Double](repeating: 0, count: Self.capacity + 1)
    estimateKeys = [Double](repeating: 0, count: Self.capacity * Self.cacheStride)
    estimateWeights = [Double](repeating: 0, count: Self.capacity * Self.cacheStride)
    estimateScales = [Double](repeating: 0, count: Self.capacity)
  }

  /// The row width of the error estimates' caches (`q + 2 ≤ 8` weights).
  @usableFromInline static var cacheStride: Int { Self.capacity + 2 }

  /// Whether `key` (from `offset`) holds `[h, steps[0], …, steps[count − 1]]`; stores it
  /// there when not.
  @inlinable
  static func matches(
    _ key: inout [Double], from offset: Int, h: Double, steps: [Double], count: Int
  ) -> Bool {
    var same = key[offset] == h
    for j in 0..<count where same { same = key[offset + 1 + j] == steps[j] }
    if same { return true }
    key[offset] = h
    for j in 0..<count { key[offset + 1 + j] = steps[j] }
    return false
  }

  /// The BDF coefficients `α₀ … αₖ` of order `k` (`Σⱼ₌₁ᵏ ∇ʲ/j` written on values).
  public static var coefficients: [[Double]] { FBDF.coefficients }

  /// Starts (or restarts, after an event) from `(t, u)` at order 1.
  @inlinable
  public mutating func restart(t: Double, u: State) {
    times[0] = t
    states[0].assign(u)
    count = 1
    currentOrder = 1
    stepsAtOrder = 0
    rejections = 0
    stepAccepted = true
    stepOrder = 1
    nextStepIfAccepted = nil
    nextStepIfRejected = nil
  }

  /// Whether the next step is the first after a (re)start: order 1 from `uₙ` and `u′ₙ`.
  @inlinable public var isStarting: Bool { count == 1 }

  /// The order of the last step attempted (1 … 5).
  @inlinable public var lastStepOrder: Int { stepOrder }

  /// Begins a step of size `h` from `t`: its order (at most what the history supports).
  @inlinable
  public mutating func beginStep(t: Double, h: Double) -> Int {
    let k = count == 1 ? 1 : min(currentOrder, count - 1, maxOrder)
    stepOrder = k
    stepAccepted = false
    stepStart = t
    stepSize = h
    return k
  }

  /// `c = Σⱼ (αⱼ/α₀) P(tₙ₊₁ − jh)` into `combination` and the predictor `P(tₙ₊₁)` into
  /// `predictor`, for a step of order `k` after the first: the Lagrange weights of the `k + 1`
  /// history points at the `k + 1` evaluation points are summed first (barycentric form,
  /// `O(k²)`), then one pass over the components applies both.
  @inlinable
  public mutating func predict(
    order k: Int, h: Double, combination: inout State, predictor: inout State
  ) {
    let n = predictor.count
    let m = k + 1
    let same = Self.matches(&predictorKey, from: 0, h: h, steps: steps, count: k)
    if !same || predictorKeyOrder != k {
      predictorKeyOrder = k
      predictorWeights(order: k, h: h)
    }
    for i in 0..<n {
      var c = 0.0
      var y = 0.0
      for j in 0..<m {
        let v = Double(states[j][i])
        c += combinationWeights[j] * v
        y += predictorWeights[j] * v
      }
      combination[i] = State.Scalar(c)
      predictor[i] = State.Scalar(y)
    }
  }

  /// The summed Lagrange weights of the predictor (``combinationWeights``, ``predictorWeights``)
  /// for order `k` and step `h` over the current history.
  @inlinable
  mutating func predictorWeights(order k: Int, h: Double) {
    let alpha = FBDF.coefficients[k - 1]
    let m = k + 1
    setNodes(count: m)
    // Barycentric weights bⱼ = 1/Πₗ≠ⱼ(xⱼ − xₗ).
    for j in 0..<m {
      var d = 1.0
      for l in 0..<m where l != j { d *= nodes[j] - nodes[l] }
      barycentric[j] = 1 / d
    }
    for j in 0..<m {
      combinationWeights[j] = 0
      predictorWeights[j] = 0
    }
    for jj in 1...k {
      let a = alpha[jj] / alpha[0]
      accumulateLagrangeWeights(count: m, at: Double(1 - jj) * h, scale: a, into: 0)
    }
    accumulateLagrangeWeights(count: m, at: h, scale: 1, into: 1)
  }

  /// `nodes[j] = tₙ₋ⱼ − tₙ` for `j < count`, from the steps taken.
  @inlinable
  mutating func setNodes(count m: Int) {
    var d = 0.0
    nodes[0] = 0
    for j in 1..<max(m, 1) {
      d -= steps[j - 1]
      nodes[j] = d
    }
  }

  /// Adds `scale` times the Lagrange weights at `s` of the `count` points in `nodes` (with
  /// ``barycentric`` set) to the combination weights (`target` 0) or the predictor's (1):
  /// `wⱼ(s) = bⱼ/(s − xⱼ) · Πₗ(s − xₗ)`, or the unit weight when `s` is a node.
  @inlinable
  mutating func accumulateLagrangeWeights(
    count m: Int, at s: Double, scale: Double, into target: Int
  ) {
    var product = 1.0
    var hit = -1
    for l in 0..<m {
      let d = s - nodes[l]
      if d == 0 { hit = l }
      product *= d
    }
    for j in 0..<m {
      let w = hit >= 0 ? (j == hit ? 1 : 0) : product * barycentric[j] / (s - nodes[j])
      if target == 0 {
        combinationWeights[j] += scale * w
      } else {
        predictorWeights[j] += scale * w
      }
    }
  }

  /// The Lagrange weights of the `count` points in `nodes` at `s` (value) into `weights`.
  @inlinable
  mutating func lagrangeWeights(count m: Int, at s: Double) {
    for i in 0..<m {
      var w = 1.0
      for j in 0..<m where j != i { w *= (s - nodes[j]) / (nodes[i] - nodes[j]) }
      weights[i] = w
    }
  }

  /// The derivatives of the Lagrange basis of the `count` points in `nodes` at `s`.
  @inlinable
  mutating func lagrangeDerivativeWeights(count m: Int, at s: Double) {
    for i in 0..<m {
      var total = 0.0
      for l in 0..<m where l != i {
        var term = 1 / (nodes[i] - nodes[l])
        for j in 0..<m where j != i && j != l { term *= (s - nodes[j]) / (nodes[i] - nodes[j]) }
        total += term
      }
      weights[i] = total
    }
  }

  /// The factor `|1 + (q + 1) Σⱼ₌₂..q αⱼ rⱼ|` by which interpolating the history onto the
  /// equidistant points multiplies the order-`q` truncation error: with `H = hᑫ⁺¹ y⁽ᑫ⁺¹⁾` the
  /// residual of the exact solution in the formula is `−H (1/(q + 1) + Σⱼ αⱼ rⱼ)`, where
  /// `H rⱼ = y(sⱼ) − P(sⱼ)` is the interpolation error at `sⱼ = tₙ₊₁ − jh`,
  /// `rⱼ = Πᵢ₌₀..q (sⱼ − tₙ₋ᵢ) / ((q + 1)! hᑫ⁺¹)` (zero on a constant step, where every `sⱼ` is
  /// a history point). The constant-step estimate alone is optimistic after a step change.
  @inlinable
  func interpolationFactor(order q: Int, h: Double) -> Double {
    // Reads tₙ₋ᵢ − tₙ from nodes[i + 1], as errorEstimate has just set them.
    guard q >= 2, count >= q + 1, q <= FBDF.coefficients.count else { return 1 }
    let alpha = FBDF.coefficients[q - 1]
    var denominator = h
    for i in 2...(q + 1) { denominator *= Double(i) * h }
    var sum = 0.0
    for j in 2...q {
      let s = Double(1 - j) * h
      var r = 1.0
      for i in 0...q { r *= s - nodes[i + 1] }
      sum += alpha[j] * r / denominator
    }
    return abs(1 + Double(q + 1) * sum)
  }

  /// The weighted norm of the order-`q` local error estimate for the candidate `x` (at
  /// `tₙ + h`), leaving out the components where `include` is `false`; `nil` when the
  /// history is too short.
  @inlinable
  public mutating func errorEstimate(
    order q: Int, h: Double, u: State, x: State, errorNorm: ErrorNorm, include: [Bool]? = nil
  ) -> Double? {
    guard q >= 1, q < Self.capacity, count >= q + 1 else { return nil }
    let row = q * Self.cacheStride
    if !Self.matches(&estimateKeys, from: row, h: h, steps: steps, count: q) {
      estimateWeights(order: q, h: h)
    }
    let scale = estimateScales[q]
    let n = x.count
    var acc = 0.0
    for i in 0..<n where include?[i] ?? true {
      var dd = estimateWeights[row] * Double(x[i])
      for j in 0...q { dd += estimateWeights[row + j + 1] * Double(states[j][i]) }
      errorNorm.accumulate(
        &acc, errorNorm.scaled(i, error: scale * dd, u0: Double(u[i]), u1: Double(x[i])))
    }
    return errorNorm.finish(acc, count: n)
  }

  /// The divided-difference weights `1/Πⱼ≠ᵢ(Tᵢ − Tⱼ)` of the candidate and the `q + 1` last
  /// states, and the factor `q! |h|ᑫ⁺¹ · |1 + (q + 1) Σⱼ αⱼ rⱼ|`, into row `q` of the caches.
  @inlinable
  mutating func estimateWeights(order q: Int, h: Double) {
    let m = q + 2
    let row = q * Self.cacheStride
    nodes[0] = h
    var d = 0.0
    nodes[1] = 0
    for j in 1...q {
      d -= steps[j - 1]
      nodes[j + 1] = d
    }
    for i in 0..<m {
      var w = 1.0
      for j in 0..<m where j != i { w *= nodes[i] - nodes[j] }
      estimateWeights[row + i] = 1 / w
    }
    // q! |h|^{q+1}.
    var power = abs(h)
    for i in 1...q { power *= Double(i) * abs(h) }
    estimateScales[q] = power * interpolationFactor(order: q, h: h)
  }

  /// After the corrector failed to converge: a quarter of the step, and a lower order once
  /// this has happened before.
  @inlinable
  public mutating func correctorFailed(h: Double) {
    nextStepIfRejected = h / 4
    if currentOrder > 1 && rejections >= 1 { currentOrder -= 1 }
    rejections += 1
  }

  /// After the corrector converged to ``end`` with the scaled local error `eest` (from
  /// ``errorEstimate(order:h:u:x:errorNorm:include:)`` or, on the first step, the
  /// stepper's own): the proposals for a rejection (`eest > 1`) or, on acceptance, the next
  /// order among `k − 1, k, k + 1` and the step it allows (CVODE's biases: the estimate aimed
  /// at 1/6 of the tolerance for orders `k − 1` and `k`, 1/10 for `k + 1`; a higher order
  /// only after `k + 1` steps at `k`; the step and order kept unless the step can grow by 1.5
  /// or must shrink below 0.9 of itself; growth at most 10, none right after a rejection).
  /// Returns whether the step is rejected.
  @inlinable
  public mutating func judge(
    eest: Double, order k: Int, h: Double, u: State, errorNorm: ErrorNorm, include: [Bool]? = nil
  ) -> Bool {
    if eest > 1 || !eest.isFinite {
      let shrink = eest.isFinite ? max(0.2, 0.9 / pow(eest, 1 / Double(k + 1))) : 0.25
      nextStepIfRejected = h * min(shrink, 0.9)
      rejections += 1
      if rejections >= 2 && currentOrder > 1 { currentOrder -= 1 }
      return true
    }
    var bestOrder = k
    var bestRatio = 1 / (pow(6 * eest, 1 / Double(k + 1)) + 1e-6)
    if k > 1,
      let lower = errorEstimate(
        order: k - 1, h: h, u: u, x: end, errorNorm: errorNorm, include: include)
    {
      let ratio = 1 / (pow(6 * lower, 1 / Double(k)) + 1e-6)
      if ratio > bestRatio {
        bestRatio = ratio
        bestOrder = k - 1
      }
    }
    if k < maxOrder, stepsAtOrder + 1 >= k + 1, count >= k + 2,
      let higher = errorEstimate(
        order: k + 1, h: h, u: u, x: end, errorNorm: errorNorm, include: include)
    {
      let ratio = 1 / (pow(10 * higher, 1 / Double(k + 2)) + 1e-6)
      if ratio > bestRatio {
        bestRatio = ratio
        bestOrder = k + 1
      }
    }
    // Keep the step and the order unless the step can grow by at least 1.5 (CVODE's THRESH,
    // cvSetEta) or must shrink below 0.9 of itself (OrdinaryDiffEq's qsteady_min): fewer step
    // changes mean fewer factorizations. Growth at most 10 (CVODE's ETAMX3), none right after
    // a rejection (CVODE: etamax = 1 after a failure); shrinking at most to 0.2.
    var ratio = 1.0
    if bestRatio >= 1.5 && rejections == 0 {
      ratio = min(bestRatio, 10)
    } else if bestRatio < 0.9 {
      ratio = max(bestRatio, 0.2)
    } else {
      bestOrder = k
    }
    nextStepIfAccepted = h * ratio
    nextOrderIfAccepted = bestOrder
    return false
  }

  /// The method's own next step: after an accepted step the one chosen with the order, after
  /// a rejection a shorter one.
  @inlinable
  public func proposedStep(accepted: Bool) -> Double? {
    accepted ? nextStepIfAccepted : nextStepIfRejected
  }

  /// Shifts the history: ``end`` becomes the most recent state; the proposed order takes
  /// effect.
  @inlinable
  public mutating func accept() {
    let keep = min(count, Self.capacity - 1)
    var j = keep
    while j > 0 {
      times[j] = times[j - 1]
      steps[j] = steps[j - 1]
      states.withUnsafeMutableBufferPointer { $0.swapAt(j, j - 1) }
      j -= 1
    }
    times[0] = stepStart + stepSize
    steps[0] = stepSize
    states[0].assign(end)
    count = keep + 1
    if nextOrderIfAccepted != currentOrder {
      currentOrder = nextOrderIfAccepted
      stepsAtOrder = 0
    } else {
      stepsAtOrder += 1
    }
    rejections = 0
    stepAccepted = true
  }

  /// The step's interpolating polynomial (through its end and the `k` states before it) at
  /// `s`, or its derivative (`derivative > 0`).
  @inlinable
  public mutating func interpolate(at s: Double, derivative: Int, into out: inout State) {
    let m = stepOrder + 1
    // The points: before acceptance `end` and the history; after, the history alone.
    let offset = stepAccepted ? 0 : 1
    if !stepAccepted { nodes[0] = stepStart + stepSize }
    for j in 0..<(m - offset) { nodes[j + offset] = times[j] }
    let available = stepAccepted ? min(m, count) : min(m, count + 1)
    if derivative == 0 {
      lagrangeWeights(count: available, at: s)
    } else {
      lagrangeDerivativeWeights(count: available, at: s)
    }
    for i in 0..<out.count {
      var y = 0.0
      for j in 0..<available {
        let value = j < offset ? Double(end[i]) : Double(states[j - offset][i])
        y += weights[j] * value
      }
      out[i] = State.Scalar(y)
    }
  }

  /// Records the step (its end state and how many states its polynomial uses).
  @inlinable
  public func record(into interpolant: inout BDFInterpolant<State>, t: Double, uprev: State) {
    let points = count == 1 ? 2 : stepOrder + 1
    interpolant.append(
      start: t, uprev: uprev, end: stepStart + stepSize, uEnd: end, points: points)
  }
}
