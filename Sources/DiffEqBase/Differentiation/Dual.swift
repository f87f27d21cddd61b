/// A forward-mode dual number with `N` partial derivatives: `value + Σₖ partialsₖ εₖ`,
/// `εⱼ εₖ = 0`. Evaluating a model generic over its scalar with `u` seeded as
/// `uⱼ = (uⱼ, eⱼ)` gives the exact columns of its Jacobian, `N` at a time.
@frozen
public struct Dual<let N: Int>: DiffEqReal {
  /// The primal value.
  public var value: Double
  /// The partial derivatives.
  public var partials: InlineArray<N, Double>

  /// A dual number.
  @inlinable
  public init(value: Double, partials: InlineArray<N, Double>) {
    self.value = value
    self.partials = partials
  }

  /// A constant (all partials zero).
  @inlinable
  public init(_ value: Double) {
    self.init(value: value, partials: InlineArray(repeating: 0))
  }

  /// A constant from a literal.
  @inlinable
  public init(floatLiteral value: Double) { self.init(value) }

  /// A constant from an integer literal.
  @inlinable
  public init(integerLiteral value: Int) { self.init(Double(value)) }

  /// `value` seeded in direction `k` (`∂/∂xₖ = 1`), or constant when `k` is outside `0..<N`.
  @inlinable
  public init(_ value: Double, seed k: Int) {
    self.init(value)
    if k >= 0 && k < N { partials[k] = 1 }
  }

  /// The chain rule for `g(x)` with `g′(x) = derivative`.
  @inlinable
  func chain(_ newValue: Double, _ derivative: Double) -> Dual {
    var out = Dual(value: newValue, partials: partials)
    for k in 0..<N { out.partials[k] = derivative * partials[k] }
    return out
  }

  /// Sum.
  @inlinable
  public static func + (lhs: Dual, rhs: Dual) -> Dual {
    var out = lhs
    out.value += rhs.value
    for k in 0..<N { out.partials[k] += rhs.partials[k] }
    return out
  }

  /// Difference.
  @inlinable
  public static func - (lhs: Dual, rhs: Dual) -> Dual {
    var out = lhs
    out.value -= rhs.value
    for k in 0..<N { out.partials[k] -= rhs.partials[k] }
    return out
  }

  /// Product: `(a + a′ε)(b + b′ε) = ab + (a′b + ab′)ε`.
  @inlinable
  public static func * (lhs: Dual, rhs: Dual) -> Dual {
    var out = lhs
    out.value = lhs.value * rhs.value
    for k in 0..<N { out.partials[k] = lhs.partials[k] * rhs.value + lhs.value * rhs.partials[k] }
    return out
  }

  /// Quotient: `(a/b)′ = (a′ − (a/b) b′)/b`.
  @inlinable
  public static func / (lhs: Dual, rhs: Dual) -> Dual {
    let q = lhs.value / rhs.value
    var out = lhs
    out.value = q
    for k in 0..<N { out.partials[k] = (lhs.partials[k] - q * rhs.partials[k]) / rhs.value }
    return out
  }

  /// Negation.
  @inlinable
  public static prefix func - (operand: Dual) -> Dual {
    var out = operand
    out.value = -operand.value
    for k in 0..<N { out.partials[k] = -operand.partials[k] }
    return out
  }

  /// `eˣ`.
  @inlinable
  public static func exp(_ x: Dual) -> Dual {
    let e = Double.exp(x.value)
    return x.chain(e, e)
  }

  /// Natural logarithm.
  @inlinable
  public static func log(_ x: Dual) -> Dual { x.chain(Double.log(x.value), 1 / x.value) }

  /// Sine.
  @inlinable
  public static func sin(_ x: Dual) -> Dual { x.chain(Double.sin(x.value), Double.cos(x.value)) }

  /// Cosine.
  @inlinable
  public static func cos(_ x: Dual) -> Dual { x.chain(Double.cos(x.value), -Double.sin(x.value)) }

  /// Square root.
  @inlinable
  public static func sqrt(_ x: Dual) -> Dual {
    let r = x.value.squareRoot()
    return x.chain(r, 0.5 / r)
  }

  /// `xᵃ`.
  @inlinable
  public static func pow(_ x: Dual, _ a: Double) -> Dual {
    x.chain(Double.pow(x.value, a), a * Double.pow(x.value, a - 1))
  }
}
