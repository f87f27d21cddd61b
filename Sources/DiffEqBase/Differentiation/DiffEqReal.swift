#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The arithmetic a model written generically over its scalar may use: `Double` for speed,
/// ``Dual`` for exact derivatives (and later tape and symbolic scalars).
///
/// ```swift
/// struct Decay: DifferentiableODEFunction {
///   func evaluate<T: DiffEqReal>(_ du: inout [T], _ u: [T], _ p: [Double], _ t: T) {
///     du[0] = -T(p[0]) * u[0] * T.exp(-t)
///   }
/// }
/// ```
public protocol DiffEqReal: Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
  /// A constant.
  init(_ value: Double)
  /// The primal (`Double`) value.
  var value: Double { get }

  /// Sum.
  static func + (lhs: Self, rhs: Self) -> Self
  /// Difference.
  static func - (lhs: Self, rhs: Self) -> Self
  /// Product.
  static func * (lhs: Self, rhs: Self) -> Self
  /// Quotient.
  static func / (lhs: Self, rhs: Self) -> Self
  /// Negation.
  static prefix func - (operand: Self) -> Self

  /// `eˣ`.
  static func exp(_ x: Self) -> Self
  /// Natural logarithm.
  static func log(_ x: Self) -> Self
  /// Sine.
  static func sin(_ x: Self) -> Self
  /// Cosine.
  static func cos(_ x: Self) -> Self
  /// Square root.
  static func sqrt(_ x: Self) -> Self
  /// `xᵃ` for a constant exponent.
  static func pow(_ x: Self, _ a: Double) -> Self
}

extension DiffEqReal {
  /// `lhs += rhs`.
  @inlinable
  public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
  /// `lhs −= rhs`.
  @inlinable
  public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
  /// `lhs *= rhs`.
  @inlinable
  public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
}

// The C library's functions under names that the static members below cannot shadow.
@usableFromInline func cExp(_ x: Double) -> Double { exp(x) }
@usableFromInline func cLog(_ x: Double) -> Double { log(x) }
@usableFromInline func cSin(_ x: Double) -> Double { sin(x) }
@usableFromInline func cCos(_ x: Double) -> Double { cos(x) }
@usableFromInline func cPow(_ x: Double, _ a: Double) -> Double { pow(x, a) }

extension Double: DiffEqReal {
  /// The number itself.
  @inlinable public var value: Double { self }
  /// `eˣ`.
  @inlinable public static func exp(_ x: Double) -> Double { cExp(x) }
  /// Natural logarithm.
  @inlinable public static func log(_ x: Double) -> Double { cLog(x) }
  /// Sine.
  @inlinable public static func sin(_ x: Double) -> Double { cSin(x) }
  /// Cosine.
  @inlinable public static func cos(_ x: Double) -> Double { cCos(x) }
  /// Square root.
  @inlinable public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
  /// `xᵃ`.
  @inlinable public static func pow(_ x: Double, _ a: Double) -> Double { cPow(x, a) }
}
