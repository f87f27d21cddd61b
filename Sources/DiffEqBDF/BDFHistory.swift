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
/// the accepted states, the predictor, the local error estimates of neighbouring orders, the
/// choice of the next order and step, and the dense output. The corrector (the nonlinear
/// solve) is the stepper's.
///
/// **The method.** A step of size `h` and order `k` from the accepted states `uₙ, uₙ₋₁, …`
/// predicts with the polynomial `P` of degree `k` through `uₙ … uₙ₋ₖ`, and its corrector is
/// the constant-step BDF on the back values `yⱼ = P(tₙ₊₁ − jh)`, `j = 1 … k` (Jackson and
/// Sacks-Davis' fixed leading coefficient form, as in IDA, DASSL and ode15s):
///
/// ```
/// α₀ uₙ₊₁ + Σⱼ αⱼ yⱼ = h u′ₙ₊₁,   i.e.   u′ₙ₊₁ = P′(tₙ₊₁) + (α₀/h)(uₙ₊₁ − P(tₙ₊₁)),
/// ```
///
/// which the steppers use as `u′ₙ₊₁ = (α₀/h)(uₙ₊₁ + c)` with `c = (h/α₀) P′(tₙ₊₁) − P(tₙ₊₁)`.
///
/// **The history** is kept as IDA's modified divided differences
///
/// ```
/// φᵢ = Ψ₀ Ψ₁ ⋯ Ψᵢ₋₁ · [uₙ, uₙ₋₁, …, uₙ₋ᵢ],   Ψⱼ = tₙ − tₙ₋ⱼ₋₁,
/// ```
///
/// so that with `ψⱼ = tₙ₊₁ − tₙ₋ⱼ = h + Ψⱼ₋₁`, `βᵢ = Πⱼ<ᵢ ψⱼ/Ψⱼ` and `γᵢ = Σⱼ<ᵢ 1/ψⱼ`
/// (Brenan, Campbell and Petzold, §5.2) the predictor is `P(tₙ₊₁) = Σᵢ≤ₖ βᵢφᵢ`, its
/// derivative `Σᵢ≤ₖ γᵢβᵢφᵢ`, and the difference between the candidate `x = uₙ₊₁` and the
/// order-`q` predictor is
///
/// ```
/// x − P_q(tₙ₊₁) = ψ₀ ⋯ ψ_q · [x, uₙ, …, uₙ₋q] = e + Σᵢ₌q₊₁..ₖ βᵢφᵢ  (q < k),  e − Σᵢ₌ₖ₊₁..q βᵢφᵢ  (q > k),
/// ```
///
/// `e = x − P(tₙ₊₁)`: each step costs `O(k)` scalar coefficients (recomputed only when `h` or
/// the window of past steps changed) and a few passes over the components.
///
/// **The error estimate** of order `q` is `q! hᑫ⁺¹ [x, uₙ, …, uₙ₋q] · |1 + (q + 1) Σⱼ αⱼ rⱼ|`
/// (`hᑫ⁺¹u⁽ᑫ⁺¹⁾/(q + 1)` times the growth from interpolating a variable-step history), i.e.
/// `σ_q |1 + (q + 1) Σⱼ αⱼ rⱼ| · (x − P_q(tₙ₊₁))` with `σ_q = q! Πᵢ₌₁..q h/ψᵢ`; the next
/// order (among `k − 1, k, k + 1`) and step are those that allow the longest step with CVODE's
/// biases. `Ψ` and `ψ` are sums of the steps taken, never differences of stored times (which
/// lose digits when the step is tiny next to `t`).
public struct BDFHistory<State: StateVector>: Sendable {
  /// Most history points kept (order 5 needs 6, its order-6 error estimate 7).
  @usableFromInline static var capacity: Int { 7 }
  /// The per-point and per-order scalars (times, steps, `Ψ`, `ψ`, `β`, `γ`, `σ`, weights):
  /// inline, so that a step touches no heap storage, uniqueness check or reference count for
  /// them (one slot more than ``capacity`` for the dense output's nodes).
  @usableFromInline typealias Table = InlineArray<8, Double>

  /// The highest order.
  public let maxOrder: Int
  /// Accepted times and states (the dense output), a ring: the `j`-th most recent at
  /// ``slot(_:)`` of `j`; `count` of them are valid.
  @usableFromInline var times: Table
  /// The step that ended at each time, as the method took it.
  @usableFromInline var steps: Table
  @usableFromInline var states: [State]
  /// Where the most recent entry of the ring is.
  @usableFromInline var head = 0
  /// The number of components.
  @usableFromInline let components: Int
  /// The modified divided differences `φ₀ = uₙ, φ₁, …, φ_count−1`, `φⱼ` at `j·components`
  /// (one flat buffer: the updates run over all `j` per component without touching a
  /// state's storage per element).
  @usableFromInline var differences: [Double]
  /// `Ψⱼ = tₙ − tₙ₋ⱼ₋₁` (sums of steps), `j < count − 1`.
  @usableFromInline var psi: Table
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
  /// The predictor `P(tₙ₊₁)` of the step in progress.
  @usableFromInline var predicted: [Double]
  /// The predictor's `c` (scratch of ``predict(order:h:combination:predictor:)``).
  @usableFromInline var predictedCombination: [Double]
  /// Proposals made by the last step: after acceptance (step, order) and after rejection.
  @usableFromInline var nextStepIfAccepted: Double?
  @usableFromInline var nextOrderIfAccepted = 1
  @usableFromInline var nextStepIfRejected: Double?
  @usableFromInline var rejections = 0
  /// The step's coefficients: `ψⱼ`, `βᵢ`, `γᵢ` (`i, j < count`), and per order `q` the error
  /// estimate's factor `σ_q |1 + (q + 1) Σⱼ αⱼ rⱼ|` (set for `q ≤` ``scalesThrough``). They
  /// are kept while `h` and `Ψ` are those of ``coefficientKey``.
  @usableFromInline var psiNew: Table
  @usableFromInline var beta: Table
  @usableFromInline var derivativeWeights: Table
  @usableFromInline var estimateScales: Table
  @usableFromInline var scalesThrough = 0
  /// The step's order-(k − 1) and order-(k + 1) estimates, made in the same pass as its
  /// order-k one (`nil`: not wanted; valid while ``neighboursValid``).
  @usableFromInline var lowerEstimate: Double?
  @usableFromInline var higherEstimate: Double?
  @usableFromInline var neighboursValid = false
  /// `[h, Ψ₀, …, Ψ_count−2]` and `count` of the coefficients in use (count 0: none yet).
  @usableFromInline var coefficientKey: Table
  @usableFromInline var coefficientCount = 0
  /// Interpolation nodes and weights of the dense output (scratch).
  @usableFromInline var weights: Table
  @usableFromInline var nodes: Table

  /// Buffers for states shaped like `prototype`, orders up to `maxOrder` (clamped to 1 … 5).
  /// (Inlinable: specialised, it is a few allocations; generic, it cost a tenth of a short
  /// DAE solve.)
  @inlinable
  public init(prototype: State, maxOrder: Int) {
    self.maxOrder = max(1, min(5, maxOrder))
    let m = Self.capacity
    times = Table(repeating: 0)
    steps = Table(repeating: 0)
    states = (0..<m).map { _ in prototype.zeroed() }
    components = prototype.count
    differences = [Double](repeating: 0, count: m * prototype.count)
    psi = Table(repeating: 0)
    end = prototype.zeroed()
    predicted = [Double](repeating: 0, count: prototype.count)
    predictedCombination = predicted
    psiNew = Table(repeating: 0)
    beta = Table(repeating: 0)
    derivativeWeights = Table(repeating: 0)
    estimateScales = Table(repeating: 0)
    coefficientKey = Table(repeating: 0)
    weights = Table(repeating: 0)
    nodes = Table(repeating: 0)
  }

  /// `α₀ = Σⱼ₌₁ᵏ 1/j` of order `k` (1 … 5), the entries of ``FBDF/coefficients`` without an array.
  @inlinable
  public static func leadingCoefficient(order k: Int) -> Double {
    switch k {
    case 1: return 1
    case 2: return 3.0 / 2
    case 3: return 11.0 / 6
    case 4: return 25.0 / 12
    default: return 137.0 / 60
    }
  }

  /// `αⱼ` of order `q` (2 … 5) for `j = 2, 3, 4, 5` (zero above `q`): the entries of
  /// ``FBDF/coefficients`` that weigh the interpolation errors in ``setEstimateScales(through:)``.
  @inlinable
  static func interpolationWeights(order q: Int) -> SIMD4<Double> {
    switch q {
    case 2: return SIMD4(1.0 / 2, 0, 0, 0)
    case 3: return SIMD4(3.0 / 2, -1.0 / 3, 0, 0)
    case 4: return SIMD4(3, -4.0 / 3, 1.0 / 4, 0)
    default: return SIMD4(5, -10.0 / 3, 5.0 / 4, -1.0 / 5)
    }
  }

  /// Starts (or restarts, after an event) from `(t, u)` at order 1.
  @inlinable
  public mutating func restart(t: Double, u: State) {
    head = 0
    times[0] = t
    states[0].assign(u)
    for i in 0..<components { differences[i] = Double(u[i]) }
    count = 1
    currentOrder = 1
    stepsAtOrder = 0
    rejections = 0
    stepAccepted = true
    stepOrder = 1
    nextStepIfAccepted = nil
    nextStepIfRejected = nil
  }

  /// Rebuilds ``differences`` and ``psi`` from ``states`` and ``steps`` (the first `count`
  /// of each), for a history set by hand (the fixed-step order tests).
  @usableFromInline
  mutating func rebuildDifferences() {
    let m = count
    var table = (0..<m).map { states[slot($0)] }
    var offsets = [Double](repeating: 0, count: m)  // tₙ₋ⱼ − tₙ
    for j in 1..<max(m, 1) { offsets[j] = offsets[j - 1] - steps[slot(j - 1)] }
    for j in 0..<max(m - 1, 0) { psi[j] = -offsets[j + 1] }
    let n = components
    for i in 0..<n { differences[i] = Double(table[0][i]) }
    var product = 1.0
    for level in 1..<max(m, 1) {
      for j in 0..<(m - level) {
        let width = offsets[j] - offsets[j + level]
        for i in 0..<n {
          table[j][i] = State.Scalar((Double(table[j][i]) - Double(table[j + 1][i])) / width)
        }
      }
      product *= psi[level - 1]
      for i in 0..<n { differences[level * n + i] = product * Double(table[0][i]) }
    }
    coefficientCount = 0
  }

  /// The ring index of the `j`-th most recent time and state.
  @inlinable
  func slot(_ j: Int) -> Int {
    let s = head &+ j
    return s >= Self.capacity ? s &- Self.capacity : s
  }

  /// Whether the next step is the first after a (re)start: order 1 from `uₙ` and `u′ₙ`.
  @inlinable public var isStarting: Bool { count == 1 }

  /// The order of the last step attempted (1 … 5).
  @inlinable public var lastStepOrder: Int { stepOrder }

  /// Begins a step of size `h` from `t`: sets the step's coefficients and returns its order
  /// (at most what the history supports).
  @inlinable
  public mutating func beginStep(t: Double, h: Double) -> Int {
    let k = count == 1 ? 1 : min(currentOrder, count - 1, maxOrder)
    stepOrder = k
    stepAccepted = false
    stepStart = t
    stepSize = h
    neighboursValid = false
    setCoefficients(h: h)
    return k
  }

  /// `ψⱼ = h + Ψⱼ₋₁`, `βᵢ` and `γᵢ` for `i, j < count` (IDA's `IDASetCoeffs`), unless `h`
  /// and `Ψ` are those they were made for.
  @inlinable
  mutating func setCoefficients(h: Double) {
    let top = count - 1
    var same = coefficientCount == count && coefficientKey[0] == h
    var j = 0
    while same && j < top {
      same = coefficientKey[j + 1] == psi[j]
      j += 1
    }
    if same { return }
    coefficientCount = count
    coefficientKey[0] = h
    for j in 0..<top { coefficientKey[j + 1] = psi[j] }
    psiNew[0] = h
    beta[0] = 1
    derivativeWeights[0] = 0
    var reciprocal = 1 / h
    for i in 1..<max(count, 1) {
      let b = psi[i - 1]
      let a = psiNew[i - 1]
      let next = h + b
      psiNew[i] = next
      // Exactly 1 on a run of equal steps (ψ = Ψ there: both are the same sums).
      beta[i] = a == b ? beta[i - 1] : beta[i - 1] * a / b
      derivativeWeights[i] = derivativeWeights[i - 1] + reciprocal
      reciprocal = 1 / next
    }
    scalesThrough = 0
  }

  /// `c = (h/α₀) P′(tₙ₊₁) − P(tₙ₊₁)` into `combination` and the predictor `P(tₙ₊₁)` into
  /// `predictor`, for a step of order `k` after the first (one pass over the components).
  @inlinable
  public mutating func predict(
    order k: Int, h: Double, combination: inout State, predictor: inout State
  ) {
    let n = components
    let m = k + 1
    let scale = h / Self.leadingCoefficient(order: k)
    // The weights of φⱼ in P(tₙ₊₁) (βⱼ) and in c = (h/α₀) P′(tₙ₊₁) − P(tₙ₊₁).
    let valueWeights = beta
    var combinationWeights = Table(repeating: 0)
    for j in 0..<m { combinationWeights[j] = scale * derivativeWeights[j] * beta[j] - beta[j] }
    predicted.withUnsafeMutableBufferPointer { out in
      predictedCombination.withUnsafeMutableBufferPointer { outC in
        differences.withUnsafeBufferPointer { phi in
          for i in 0..<n {
            var y = 0.0
            var c = 0.0
            var index = i
            for j in 0..<m {
              let v = phi[index]
              y += valueWeights[j] * v
              c += combinationWeights[j] * v
              index &+= n
            }
            out[i] = y
            outC[i] = c
          }
        }
      }
    }
    let (y, c) = (predicted, predictedCombination)
    predictor.write { State.Scalar(y[$0]) }
    combination.write { State.Scalar(c[$0]) }
  }

  /// The error estimates' factors `σ_q |1 + (q + 1) Σⱼ₌₂..q αⱼ rⱼ|` of the orders `q ≤ top`
  /// into ``estimateScales``, in one pass over `q`.
  ///
  /// `σ_q = q! Πᵢ₌₁..q h/ψᵢ` turns `x − P_q` into `q! hᑫ⁺¹ [x, uₙ, …, uₙ₋q]`. The second factor
  /// is the growth of the order-`q` truncation error from interpolating the history onto the
  /// equidistant points: with `H = hᑫ⁺¹ y⁽ᑫ⁺¹⁾` the residual of the exact solution in the
  /// formula is `−H (1/(q + 1) + Σⱼ αⱼ rⱼ)`, where `H rⱼ = y(sⱼ) − P(sⱼ)` is the interpolation
  /// error at `sⱼ = tₙ₊₁ − jh`, `rⱼ = Πᵢ₌₀..q (xᵢ − j) / (q + 1)!` with `xᵢ = ψᵢ/h` (zero on a
  /// constant step, where every `sⱼ` is a history point). The constant-step estimate alone is
  /// optimistic after a step change.
  @inlinable
  mutating func setEstimateScales(through top: Int) {
    let inverse = 1 / psiNew[0]
    let nodes = SIMD4<Double>(2, 3, 4, 5)
    // Πᵢ₌₀..q (xᵢ − j) for j = 2 … 5, built up over q (x₀ = 1).
    var products = 1 - nodes
    var sigma = 1.0
    var factorial = 1.0
    estimateScales[0] = 1
    for q in 1...max(top, 1) {
      let x = psiNew[q] * inverse
      sigma *= Double(q) / abs(x)
      factorial *= Double(q + 1)
      products *= x - nodes
      var scale = sigma
      if q >= 2 {
        let sum = (Self.interpolationWeights(order: q) * products).sum()
        scale *= abs(1 + Double(q + 1) * sum / factorial)
      }
      estimateScales[q] = scale
    }
    scalesThrough = max(top, 1)
  }

  /// The weighted norm of the step's (order-`k`) local error estimate for the candidate `x`
  /// (at `tₙ + h`, after ``predict(order:h:combination:predictor:)``), leaving out the
  /// components where `include` is `false`; `nil` on the first step after a (re)start, which
  /// the stepper estimates itself. The same pass makes the estimates of orders `k − 1`
  /// (`x − P_k + βₖφₖ`) and `k + 1` (`x − P_k − βₖ₊₁φₖ₊₁`) when ``judge`` will weigh them,
  /// kept in ``lowerEstimate`` and ``higherEstimate``.
  @inlinable
  public mutating func errorEstimate(
    u: State, x: State, errorNorm: ErrorNorm, include: [Bool]? = nil
  ) -> Double? {
    guard !isStarting else { return nil }
    let k = stepOrder
    let n = components
    let wantLower = k > 1
    let wantHigher = k < maxOrder && stepsAtOrder + 1 >= k + 1 && count >= k + 2
    let top = wantHigher ? k + 1 : k
    if scalesThrough < top { setEstimateScales(through: top) }
    let scale = estimateScales[k]
    let lowerScale = wantLower ? estimateScales[k - 1] : 0
    let higherScale = wantHigher ? estimateScales[k + 1] : 0
    let lowerWeight = wantLower ? beta[k] : 0
    let higherWeight = wantHigher ? beta[k + 1] : 0
    let lowerRow = wantLower ? k * n : 0
    let higherRow = wantHigher ? (k + 1) * n : 0
    var acc = 0.0
    var lowerAcc = 0.0
    var higherAcc = 0.0
    for i in 0..<n where include?[i] ?? true {
      let xi = Double(x[i])
      let e = xi - predicted[i]
      let w = 1 / errorNorm.tolerance(i, magnitude: max(abs(Double(u[i])), abs(xi)))
      errorNorm.accumulate(&acc, scale * e * w)
      if wantLower {
        let d = e + lowerWeight * differences[lowerRow &+ i]
        errorNorm.accumulate(&lowerAcc, lowerScale * d * w)
      }
      if wantHigher {
        let d = e - higherWeight * differences[higherRow &+ i]
        errorNorm.accumulate(&higherAcc, higherScale * d * w)
      }
    }
    lowerEstimate = wantLower ? errorNorm.finish(lowerAcc, count: n) : nil
    higherEstimate = wantHigher ? errorNorm.finish(higherAcc, count: n) : nil
    neighboursValid = true
    return errorNorm.finish(acc, count: n)
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
  /// ``errorEstimate(u:x:errorNorm:include:)`` or, on the first step, the
  /// stepper's own): the proposals for a rejection (`eest > 1`) or, on acceptance, the next
  /// order among `k − 1, k, k + 1` and the step it allows (CVODE's biases: the estimate aimed
  /// at 1/6 of the tolerance for orders `k − 1` and `k`, 1/10 for `k + 1`; a higher order
  /// only after `k + 1` steps at `k`; the step and order kept unless the step can grow by 2
  /// or must shrink below 0.9 of itself; growth at most 10, none right after a rejection).
  /// Returns whether the step is rejected.
  @inlinable
  public mutating func judge(eest: Double, order k: Int, h: Double) -> Bool {
    if eest > 1 || !eest.isFinite {
      let shrink = eest.isFinite ? max(0.2, 0.9 / pow(eest, 1 / Double(k + 1))) : 0.25
      nextStepIfRejected = h * min(shrink, 0.9)
      rejections += 1
      if rejections >= 2 && currentOrder > 1 { currentOrder -= 1 }
      return true
    }
    // The neighbours' estimates come from the step's own pass (none on a first step).
    let lower = neighboursValid ? lowerEstimate : nil
    let higher = neighboursValid ? higherEstimate : nil
    // Most steps keep h and k: decide that without pow (the aimed errors: 6·estimate for
    // k − 1 and k, 10·estimate for k + 1).
    var verdict = Self.classify(aimed: 6 * eest, order: k)
    let currentShrinks = verdict.shrinks
    var anyGrows = verdict.grows
    var allShrink = verdict.shrinks
    var finite = eest.isFinite
    if let lower {
      verdict = Self.classify(aimed: 6 * lower, order: k - 1)
      anyGrows = anyGrows || verdict.grows
      allShrink = allShrink && verdict.shrinks
      finite = finite && lower.isFinite
    }
    if let higher {
      verdict = Self.classify(aimed: 10 * higher, order: k + 1)
      anyGrows = anyGrows || verdict.grows
      allShrink = allShrink && verdict.shrinks
      finite = finite && higher.isFinite
    }
    if finite && (!anyGrows || rejections > 0) && !currentShrinks {
      nextStepIfAccepted = h
      nextOrderIfAccepted = k
      return false
    }
    var bestOrder = k
    var bestRatio = 1 / (pow(6 * eest, 1 / Double(k + 1)) + 1e-6)
    if let lower {
      let ratio = 1 / (pow(6 * lower, 1 / Double(k)) + 1e-6)
      if ratio > bestRatio {
        bestRatio = ratio
        bestOrder = k - 1
      }
    }
    if let higher {
      let ratio = 1 / (pow(10 * higher, 1 / Double(k + 2)) + 1e-6)
      if ratio > bestRatio {
        bestRatio = ratio
        bestOrder = k + 1
      }
    }
    // Keep the step and the order unless the step can grow by at least 2 (IDA's threshold for
    // raising it; CVODE's THRESH is 1.5) or must shrink below 0.9 of itself (OrdinaryDiffEq's
    // qsteady_min): fewer step changes mean fewer factorizations, and a growth by 1.5 … 2 put
    // the next estimate above the tolerance often enough to cost more than it saved (DFBDF on
    // Robertson at reltol 1e-4: 13 rejections, each right after such a growth, and 64
    // factorizations; with 2, none and 33, and 3.98 digits instead of 3.47). Growth at most 10
    // (CVODE's ETAMX3), none right after
    // a rejection (CVODE: etamax = 1 after a failure); shrinking at most to 0.2. When the step
    // is too long for order k but not for the best order, that order takes it unchanged:
    // keeping k there lets k's estimate creep up to a rejection, step after step (HIRES at
    // reltol 1e-8 spent t = 150 … 300 so, with order 5's estimate a tenth of order 4's).
    var ratio = 1.0
    if bestRatio >= 2 && rejections == 0 {
      ratio = min(bestRatio, 10)
    } else if bestRatio < 0.9 {
      ratio = max(bestRatio, 0.2)
    } else if !currentShrinks {
      bestOrder = k
    }
    nextStepIfAccepted = h * ratio
    nextOrderIfAccepted = bestOrder
    return false
  }

  /// Whether the aimed error `s` of order `q` lets the step grow by 2 or makes it shrink
  /// below 0.9 of itself, without `pow`: the ratio `1/(s^(1/(q+1)) + 1e-6)` is at least 2
  /// exactly when `s ≤ (1/2 − 1e-6)^(q+1)` and below 0.9 when `s > (1/0.9 − 1e-6)^(q+1)`.
  @inlinable
  static func classify(aimed s: Double, order q: Int) -> (grows: Bool, shrinks: Bool) {
    var grow = 1.0
    var shrink = 1.0
    for _ in 0...q {
      grow *= 1.0 / 2.0 - 1e-6
      shrink *= 1 / 0.9 - 1e-6
    }
    return (s <= grow, s > shrink)
  }

  /// The method's own next step: after an accepted step the one chosen with the order, after
  /// a rejection a shorter one.
  @inlinable
  public func proposedStep(accepted: Bool) -> Double? {
    accepted ? nextStepIfAccepted : nextStepIfRejected
  }

  /// Shifts the history: ``end`` becomes the most recent state and the divided differences
  /// are updated (with `e = x − P(tₙ₊₁)`: `φ₀ ← x`, `φⱼ ← e + Σᵢ₌ⱼ..ₖ βᵢφᵢ` for
  /// `1 ≤ j ≤ k + 1`, `φⱼ ← e − Σᵢ₌ₖ₊₁..ⱼ₋₁ βᵢφᵢ` above; after the first step `e = x − uₙ`,
  /// `k = 0`); the proposed order takes effect.
  @inlinable
  public mutating func accept() {
    let k = isStarting ? 0 : stepOrder
    let newTop = min(count, Self.capacity - 1)
    let n = components
    let starting = isStarting
    var beta = self.beta
    let (x, predicted) = (end, self.predicted)
    // Component by component (a row of the history at a time: for small systems the loops
    // over the levels are the cost), e = x − P, then upward from k + 1 φⱼ ← d with
    // d = e − Σₘ₌ₖ₊₁..ⱼ₋₁ βₘφₘ (old φₘ) built up as j rises (the subtractions in the sum's
    // order), then downward from k φⱼ ← βⱼφⱼ + φⱼ₊₁ (new).
    withUnsafeBytes(of: &beta) { raw in
      let beta = raw.assumingMemoryBound(to: Double.self)
      differences.withUnsafeMutableBufferPointer { phi in
        predicted.withUnsafeBufferPointer { predicted in
          for i in 0..<n {
            let xi = Double(x[i])
            let e = xi - (starting ? phi[i] : predicted[i])
            var d = e
            var index = (k &+ 1) &* n &+ i
            for j in (k &+ 1)...newTop {
              let old = phi[index]
              phi[index] = d
              d -= beta[j] * old
              index &+= n
            }
            var above = e
            var j = k
            while j >= 1 {
              index = j &* n &+ i
              above = beta[j] * phi[index] + above
              phi[index] = above
              j -= 1
            }
            phi[i] = xi
          }
        }
      }
    }
    for j in 0..<newTop { psi[j] = psiNew[j] }
    head = head == 0 ? Self.capacity - 1 : head - 1
    times[head] = stepStart + stepSize
    steps[head] = stepSize
    states[head].assign(end)
    count = newTop + 1
    if nextOrderIfAccepted != currentOrder {
      currentOrder = nextOrderIfAccepted
      stepsAtOrder = 0
    } else {
      stepsAtOrder += 1
    }
    rejections = 0
    stepAccepted = true
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

  /// The step's interpolating polynomial (through its end and the `k` states before it) at
  /// `s`, or its derivative (`derivative > 0`).
  @inlinable
  public mutating func interpolate(at s: Double, derivative: Int, into out: inout State) {
    let m = stepOrder + 1
    // The points: before acceptance `end` and the history; after, the history alone.
    let offset = stepAccepted ? 0 : 1
    if !stepAccepted { nodes[0] = stepStart + stepSize }
    for j in 0..<(m - offset) { nodes[j + offset] = times[slot(j)] }
    let available = stepAccepted ? min(m, count) : min(m, count + 1)
    if derivative == 0 {
      lagrangeWeights(count: available, at: s)
    } else {
      lagrangeDerivativeWeights(count: available, at: s)
    }
    for i in 0..<out.count {
      var y = 0.0
      for j in 0..<available {
        let value = j < offset ? Double(end[i]) : Double(states[slot(j - offset)][i])
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
