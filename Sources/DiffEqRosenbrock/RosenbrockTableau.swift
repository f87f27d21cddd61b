/// The coefficients of a Rosenbrock(-Wanner) method in the transformed "W" form that
/// DifferentialEquations.jl and Hairer–Wanner's RODAS use.
///
/// A step of size `h` from `(tₙ, uₙ)` with `J = ∂f/∂u(uₙ, tₙ)`, `T = ∂f/∂t(uₙ, tₙ)` and
/// `W = M/(γh) − J` solves, for `i = 1 … s`,
///
/// ```
/// Uᵢ = uₙ + Σ_{j<i} aᵢⱼ kⱼ
/// W kᵢ = f(Uᵢ, p, tₙ + cᵢh) + M Σ_{j<i} (Cᵢⱼ/h) kⱼ + dᵢ h T
/// uₙ₊₁ = uₙ + Σᵢ bᵢ kᵢ,    errₙ₊₁ = Σᵢ b̃ᵢ kᵢ
/// ```
///
/// The stages `kᵢ` are increments (units of `u`). One LU factorization of `W` serves every
/// stage. For the stiffly accurate Rodas methods `b = (a_{s,1}, …, a_{s,s−1}, 1)` and
/// `b̃ = eₛ`: the solution is the last stage's argument plus its increment, and the error is
/// that increment. `Verification/Rosenbrock/` holds the coefficients with their sources and a
/// 50-digit check of every method's order conditions and measured orders.
public struct RosenbrockTableau: Sendable {
  /// The method's name as in DifferentialEquations.jl (`"Rodas5P"`).
  public let name: String
  /// Order of `uₙ₊₁`.
  public let order: Int
  /// Order of the embedded solution `uₙ₊₁ − errₙ₊₁`.
  public let embeddedOrder: Int
  /// Number of stages `s`.
  public let stageCount: Int
  /// The diagonal coefficient `γ`.
  public let gamma: Double
  /// Strictly lower triangle of `(aᵢⱼ)`, rows `2 … s` concatenated.
  public let a: [Double]
  /// Strictly lower triangle of `(Cᵢⱼ)`, rows `2 … s` concatenated.
  public let cMatrix: [Double]
  /// Weights `bᵢ` (`s` entries).
  public let b: [Double]
  /// Error weights `b̃ᵢ` (`s` entries).
  public let bTilde: [Double]
  /// Stage times `cᵢ` (`s` entries).
  public let c: [Double]
  /// Time-derivative coefficients `dᵢ` (`s` entries; `dᵢ = Σⱼ γᵢⱼ` of the classical form).
  public let d: [Double]
  /// The continuous extension.
  public let denseOutput: RosenbrockDenseOutput
  /// Order of the continuous extension.
  public let interpolantOrder: Int
  /// Whether the method is stable on algebraic equations (`|R(∞)| < 1`), so that it can
  /// solve DAEs with a singular mass matrix.
  public let solvesAlgebraicEquations: Bool

  /// A tableau; the shapes are checked (a mismatch is a programming error in a tableau file).
  public init(
    name: String, order: Int, embeddedOrder: Int, gamma: Double, a: [Double],
    cMatrix: [Double], b: [Double], bTilde: [Double], c: [Double], d: [Double],
    denseOutput: RosenbrockDenseOutput, interpolantOrder: Int,
    solvesAlgebraicEquations: Bool = true
  ) {
    let s = b.count
    precondition(a.count == s * (s - 1) / 2, "\(name): a must hold the strict lower triangle")
    precondition(cMatrix.count == a.count, "\(name): C must hold the strict lower triangle")
    precondition(bTilde.count == s && c.count == s && d.count == s, "\(name): stage vectors")
    if case .rodas(let rows, let h) = denseOutput {
      precondition(h.count == rows * s, "\(name): H must have rows × s entries")
    }
    self.name = name
    self.order = order
    self.embeddedOrder = embeddedOrder
    stageCount = s
    self.gamma = gamma
    self.a = a
    self.cMatrix = cMatrix
    self.b = b
    self.bTilde = bTilde
    self.c = c
    self.d = d
    self.denseOutput = denseOutput
    self.interpolantOrder = interpolantOrder
    self.solvesAlgebraicEquations = solvesAlgebraicEquations
    let row = (s - 1) * (s - 2) / 2
    lastStageIsSolution =
      c[s - 1] == 1 && b[s - 1] == 0 && (0..<(s - 1)).allSatisfy { a[row + $0] == b[$0] }
  }

  /// Whether the last stage's argument is `uₙ₊₁` at `tₙ₊₁` (`aₛ = b`, `cₛ = 1`): its
  /// right-hand side is then `f(uₙ₊₁)`, the next step's first (FSAL).
  public let lastStageIsSolution: Bool

  /// Whether the dense output needs `f(uₙ₊₁)` (Hermite), which then serves as the next step's
  /// first right-hand side.
  public var needsEndDerivative: Bool {
    if case .hermite = denseOutput { return true }
    return false
  }
}

/// The continuous extension of a Rosenbrock method over a step, `Θ ∈ [0, 1]`,
/// `y₀ = uₙ`, `y₁ = uₙ₊₁`.
public enum RosenbrockDenseOutput: Sendable, Equatable {
  /// Steinebach's Rodas interpolant with `Kⱼ = Σᵢ Hⱼᵢ kᵢ` (`rows` = 2 or 3, `H` row-major):
  /// `u(Θ) = (1−Θ)y₀ + Θ(y₁ + (1−Θ)(K₁ + Θ K₂ + Θ² K₃))`.
  case rodas(rows: Int, h: [Double])
  /// The cubic Hermite interpolant through `y₀, y₁` with slopes `f(y₀)`, `f(y₁)`.
  case hermite
  /// Shampine–Reichelt's quadratic (ode23s) with `dᵣ = γ`:
  /// `u(Θ) = y₀ + h(c₁(Θ) k̂₁ + c₂(Θ) k̂₂)`, `c₁ = Θ(1−Θ)/(1−2dᵣ)`, `c₂ = Θ(Θ−2dᵣ)/(1−2dᵣ)`, in
  /// the slopes `h k̂₁ = k₁/dᵣ`, `h k̂₂ = (k₁ + k₂)/dᵣ` of the W-form increments.
  case shampineReichelt
}
