/// The coefficients of an explicit Runge–Kutta method, with its embedded error estimator and
/// its continuous extension (dense output).
///
/// A step of size `h` from `(tₙ, uₙ)` computes the stages
///
/// ```
/// kᵢ = f(tₙ + cᵢ h, uₙ + h Σ_{j<i} aᵢⱼ kⱼ),   i = 1 … s
/// uₙ₊₁ = uₙ + h Σᵢ bᵢ kᵢ
/// errₙ₊₁ = h Σᵢ b̃ᵢ kᵢ,   b̃ = b − b̂   (b̂: the embedded method)
/// ```
///
/// and the dense output evaluates, for `θ ∈ [0, 1]`,
///
/// ```
/// u(tₙ + θh) = uₙ + h Σᵢ bᵢ(θ) kᵢ,   bᵢ(θ) = Σ_{m=1}^{D} Bᵢₘ θᵐ
/// ```
///
/// where the sum may run over extra stages `s < i ≤ S` that are only evaluated when the dense
/// output is asked for (the "lazy" stages of BS5 and the Verner methods, DP8's three extra
/// stages). Their rows of `a` and entries of `c` follow the step's own rows.
///
/// The type checks its own shape when built: `a` holds the strictly lower triangle row by row,
/// the weights have one entry per step stage, and the interpolant has `D` coefficients per stage.
/// Tests check the order conditions of `b`, `b̂` and `b(θ)` against the rooted trees.
public struct ExplicitRKTableau: Sendable {
  /// The method's name as in DifferentialEquations.jl (`"Tsit5"`).
  public let name: String
  /// Classical order `p` of the propagated solution `uₙ₊₁`.
  public let order: Int
  /// Order of the embedded solution `b̂`; `nil` when the method has no error estimator.
  public let embeddedOrder: Int?
  /// Number `s` of stages evaluated in every step (including the FSAL stage).
  public let stageCount: Int
  /// Number `S ≥ s` of stages the dense output uses (step stages plus lazy extra stages).
  public let totalStageCount: Int
  /// Whether the last step stage is `f(tₙ₊₁, uₙ₊₁)` and serves as the next step's first stage.
  public let isFSAL: Bool
  /// Nodes `cᵢ`, one per stage (`S` entries).
  public let c: [Double]
  /// Strictly lower triangle of `A`, rows `2 … S` concatenated (row `i` has `i − 1` entries).
  public let a: [Double]
  /// Weights `bᵢ` of the propagated solution (`s` entries).
  public let b: [Double]
  /// Error weights `b̃ = b − b̂` (`s` entries), or `nil` for a method without an embedded pair.
  public let bTilde: [Double]?
  /// A second set of error weights (`s` entries) for methods with two error estimators,
  /// combined with the first by ``errorCombination``; `nil` otherwise.
  public let secondaryBTilde: [Double]?
  /// How the two scaled error norms `e₁` (``bTilde``) and `e₂` (``secondaryBTilde``) combine.
  public let errorCombination: ErrorCombination
  /// Order of the dense output.
  public let interpolantOrder: Int
  /// Degree `D` of the polynomials `bᵢ(θ)`.
  public let interpolantDegree: Int
  /// `Bᵢₘ`, row `i` (stage, `S` rows) holding the coefficients of `θ¹ … θᴰ`.
  public let interpolant: [Double]
  /// The stability boundary on the negative real axis (see
  /// ``stabilityBoundary(of:)``), computed once with the tableau: stiffness detection reads it
  /// at every solve.
  public let stabilityBoundary: Double

  /// Creates a tableau; the shapes are checked (a mismatch is a programming error in a tableau
  /// file, caught by the test suite, never by user input).
  public init(
    name: String,
    order: Int,
    embeddedOrder: Int?,
    stageCount: Int,
    isFSAL: Bool,
    c: [Double],
    a: [Double],
    b: [Double],
    bTilde: [Double]?,
    secondaryBTilde: [Double]? = nil,
    errorCombination: ErrorCombination = .maximum,
    interpolantOrder: Int,
    interpolantDegree: Int,
    interpolant: [Double]
  ) {
    let total = c.count
    precondition(total >= stageCount, "\(name): c must have at least stageCount entries")
    precondition(
      a.count == total * (total - 1) / 2, "\(name): a must hold the strict lower triangle")
    precondition(b.count == stageCount, "\(name): b must have stageCount entries")
    precondition(
      bTilde?.count ?? stageCount == stageCount, "\(name): bTilde must have stageCount entries")
    precondition(
      secondaryBTilde?.count ?? stageCount == stageCount,
      "\(name): secondaryBTilde must have stageCount entries")
    precondition(
      interpolant.count == total * interpolantDegree, "\(name): interpolant must be S × D")
    self.name = name
    self.order = order
    self.embeddedOrder = embeddedOrder
    self.stageCount = stageCount
    self.totalStageCount = total
    self.isFSAL = isFSAL
    self.c = c
    self.a = a
    self.b = b
    self.bTilde = bTilde
    self.secondaryBTilde = secondaryBTilde
    self.errorCombination = errorCombination
    self.interpolantOrder = interpolantOrder
    self.interpolantDegree = interpolantDegree
    self.interpolant = interpolant
    stabilityBoundary = Self.stabilityBoundary(
      of: Self.stabilityPolynomial(a: a, b: b, stageCount: stageCount))
  }

  /// How two error estimates combine into `EEst`.
  public enum ErrorCombination: Sendable {
    /// `EEst = max(e₁, e₂)` (BS5, as in DifferentialEquations.jl).
    case maximum
    /// `EEst = e₁² / √(e₁² + 0.01 e₂²)` with `e₁` the 5th- and `e₂` the 3rd-order estimate
    /// (Dormand–Prince 8(5,3), Hairer's `dop853.f`).
    case dormandPrince853
  }

  /// `aᵢⱼ` with zero-based stage indices (`j < i`).
  @inlinable
  public func a(_ i: Int, _ j: Int) -> Double { a[i * (i - 1) / 2 + j] }
}
