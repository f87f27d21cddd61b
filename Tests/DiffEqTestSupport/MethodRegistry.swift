import DiffEqExplicitRK
import Testing

/// One explicit Runge–Kutta method as the tests know it: the algorithm, and its orders as
/// published (written here independently of the tableau, so a test can compare the two).
public struct RKMethod: Sendable, CustomStringConvertible, CustomTestStringConvertible {
  /// The algorithm value (`Tsit5()`).
  public let algorithm: any ExplicitRKAlgorithm
  /// The name used by DifferentialEquations.jl.
  public let name: String
  /// Classical order `p` of the propagated solution.
  public let order: Int
  /// Order of the embedded solution `b̂ = b − b̃`, `nil` without an error estimator.
  public let embeddedOrder: Int?
  /// Order of the second embedded solution `b − b̃₂` (BS5, DP8), `nil` if there is none.
  public let secondaryEmbeddedOrder: Int?
  /// Order of the continuous extension (dense output).
  public let interpolantOrder: Int
  /// Whether the method has an error estimator and steps adaptively by default.
  public let isAdaptive: Bool
  /// Where the orders come from.
  public let source: String

  /// A registry entry.
  public init(
    _ algorithm: any ExplicitRKAlgorithm, name: String, order: Int, embeddedOrder: Int?,
    secondaryEmbeddedOrder: Int? = nil, interpolantOrder: Int, source: String
  ) {
    self.algorithm = algorithm
    self.name = name
    self.order = order
    self.embeddedOrder = embeddedOrder
    self.secondaryEmbeddedOrder = secondaryEmbeddedOrder
    self.interpolantOrder = interpolantOrder
    self.isAdaptive = embeddedOrder != nil
    self.source = source
  }

  /// The method's coefficients.
  public var tableau: ExplicitRKTableau { algorithm.tableau }

  /// The name.
  public var description: String { name }
  /// The name, as Swift Testing shows a parameterized test's argument.
  public var testDescription: String { name }
}

/// Every explicit Runge–Kutta method of the package, with the orders stated by the papers
/// (and by DifferentialEquations.jl's solver list, docs.sciml.ai/DiffEqDocs/stable/solvers/
/// ode_solve/, for the interpolants).
public enum RKMethods {
  private static let hnw = "Hairer–Nørsett–Wanner I (1993), Sect. II.1"

  /// All 17 methods, low order first.
  public static let all: [RKMethod] = [
    RKMethod(
      Euler(), name: "Euler", order: 1, embeddedOrder: nil, interpolantOrder: 1,
      source: hnw + "; linear interpolant"),
    RKMethod(
      Midpoint(), name: "Midpoint", order: 2, embeddedOrder: 1, interpolantOrder: 2,
      source: hnw + "; Euler error estimate and quadratic interpolant as in OrdinaryDiffEq.jl"),
    RKMethod(
      Heun(), name: "Heun", order: 2, embeddedOrder: 1, interpolantOrder: 2,
      source: hnw + "; Euler error estimate and quadratic interpolant as in OrdinaryDiffEq.jl"),
    RKMethod(
      Ralston(), name: "Ralston", order: 2, embeddedOrder: 1, interpolantOrder: 2,
      source: "Ralston, Math. Comp. 16 (1962); Euler error estimate as in OrdinaryDiffEq.jl"),
    RKMethod(
      RK4(), name: "RK4", order: 4, embeddedOrder: nil, interpolantOrder: 3,
      source: "Kutta (1901); 3rd-order dense output of HNW I, Sect. II.6"),
    RKMethod(
      BS3(), name: "BS3", order: 3, embeddedOrder: 2, interpolantOrder: 3,
      source: "Bogacki, Shampine, Appl. Math. Lett. 2 (1989); cubic Hermite interpolant"),
    RKMethod(
      OwrenZen3(), name: "OwrenZen3", order: 3, embeddedOrder: 2, interpolantOrder: 3,
      source: "Owren, Zennaro, SIAM J. Sci. Stat. Comput. 13 (1992)"),
    RKMethod(
      OwrenZen4(), name: "OwrenZen4", order: 4, embeddedOrder: 3, interpolantOrder: 4,
      source: "Owren, Zennaro, SIAM J. Sci. Stat. Comput. 13 (1992)"),
    RKMethod(
      OwrenZen5(), name: "OwrenZen5", order: 5, embeddedOrder: 4, interpolantOrder: 5,
      source: "Owren, Zennaro, SIAM J. Sci. Stat. Comput. 13 (1992)"),
    RKMethod(
      DP5(), name: "DP5", order: 5, embeddedOrder: 4, interpolantOrder: 4,
      source: "Dormand, Prince (1980); Shampine's dense output (HNW I, Sect. II.6)"),
    RKMethod(
      Tsit5(), name: "Tsit5", order: 5, embeddedOrder: 4, interpolantOrder: 4,
      source: "Tsitouras, Comput. Math. Appl. 62 (2011)"),
    RKMethod(
      BS5(), name: "BS5", order: 5, embeddedOrder: 4, secondaryEmbeddedOrder: 4,
      interpolantOrder: 5,
      source: "Bogacki, Shampine, Comput. Math. Appl. 32 (1996); RKSUITE interpolant"),
    RKMethod(
      Vern6(), name: "Vern6", order: 6, embeddedOrder: 5, interpolantOrder: 6,
      source: "Verner, Numer. Algorithms 53 (2010), RKV65 'most efficient'"),
    // Verner's posted Vern7 interpolant was meant to be of order 7, but meets only some of the
    // order-7 conditions (Verner's 2024 note; see Sources/.../Methods/Vern7.swift): order 6.
    RKMethod(
      Vern7(), name: "Vern7", order: 7, embeddedOrder: 6, interpolantOrder: 6,
      source: "Verner, Numer. Algorithms 53 (2010), RKV76.IIa 'most efficient'"),
    RKMethod(
      Vern8(), name: "Vern8", order: 8, embeddedOrder: 7, interpolantOrder: 8,
      source: "Verner, Numer. Algorithms 53 (2010), RKV87 'most efficient'"),
    RKMethod(
      Vern9(), name: "Vern9", order: 9, embeddedOrder: 8, interpolantOrder: 9,
      source: "Verner, Numer. Algorithms 53 (2010), RKV98 'most efficient'"),
    RKMethod(
      DP8(), name: "DP8", order: 8, embeddedOrder: 5, secondaryEmbeddedOrder: 3,
      interpolantOrder: 7,
      source: "Dormand, Prince; Hairer's DOP853 (HNW I, Sect. II.10): 8(5,3), 7th-order dense"),
  ]

  /// The adaptive methods of order ≥ 5 (the high-accuracy ones).
  public static let highOrderAdaptive: [RKMethod] = all.filter { $0.isAdaptive && $0.order >= 5 }

  /// The method named `name`.
  public static func named(_ name: String) -> RKMethod {
    guard let method = all.first(where: { $0.name == name }) else {
      preconditionFailure("no method named \(name)")
    }
    return method
  }
}
