import DiffEqTestSupport
import DifferentialEquations
import Testing

/// Butcher's order conditions, checked tree by tree on the coefficients as stored.
///
/// A condition holds when its residual is below `tolerance` times the size of its terms
/// (``ElementaryWeights/Residual/scale``): the coefficients are doubles rounded once from exact
/// values, so a correct condition leaves a residual of a few ulps of its largest term. A
/// condition that fails does so by many orders of magnitude more (see `clearlyFails`).
@Suite("Order conditions")
struct OrderConditionTests {
  /// Relative tolerance of a condition that holds.
  static let tolerance = 1e-13

  /// Whether a residual shows the condition is violated: far outside the rounding band and
  /// not a negligible fraction of its exact value.
  static func clearlyFails(_ r: ElementaryWeights.Residual) -> Bool {
    abs(r.residual) > 1e3 * tolerance * r.scale && abs(r.residual) > 1e-9 * abs(r.target)
  }

  /// Trees up to `min(order + 1, 10)`: enough to see that the order is not higher.
  static func weights(_ tableau: ExplicitRKTableau, order: Int) -> ElementaryWeights {
    ElementaryWeights(tableau, maxOrder: min(order + 1, RootedTrees.upToOrder10.maxOrder))
  }

  @Test("there are 1, 1, 2, 4, 9, 20, 48, 115, 286, 719 rooted trees of orders 1 … 10")
  func treeCounts() {
    // OEIS A000081; Butcher (2016), Table 301(I) for orders ≤ 8.
    let counts = (1...10).map { RootedTrees.upToOrder10.indices(ofOrder: $0).count }
    #expect(counts == [1, 1, 2, 4, 9, 20, 48, 115, 286, 719])
    // γ of the tall tree of order n is n!, of the bushy tree n (HNW I, Table II.2.1).
    let trees = RootedTrees.upToOrder10.trees
    func height(_ tree: RootedTrees.Tree) -> Int {
      1 + (tree.children.map { height(trees[$0]) }.max() ?? 0)
    }
    for n in 1...10 {
      let tall = trees.filter { $0.order == n && height($0) == n }
      let bushy = trees.filter { $0.order == n && height($0) <= 2 }
      #expect(tall.map(\.density) == [(1...n).reduce(1.0) { $0 * Double($1) }])
      #expect(bushy.map(\.density) == [Double(n)])
    }
  }

  @Test("b satisfies every condition up to the order p", arguments: RKMethods.all)
  func propagatedWeightsHaveOrderP(_ method: RKMethod) {
    let tableau = method.tableau
    let phi = Self.weights(tableau, order: method.order)
    let b = tableau.b
    let magnitudes = b.map { abs($0) }
    for n in 1...min(method.order, phi.maxOrder) {
      for r in phi.residuals(ofOrder: n, weights: b, magnitudes: magnitudes) {
        #expect(
          r.holds(relativeTolerance: Self.tolerance),
          "tree \(r.tree) of order \(n): residual \(r.residual), terms \(r.scale)")
      }
    }
  }

  @Test("the order of b is exactly p: a condition of order p + 1 fails", arguments: RKMethods.all)
  func propagatedOrderIsExact(_ method: RKMethod) throws {
    let tableau = method.tableau
    let phi = Self.weights(tableau, order: method.order)
    try #require(phi.maxOrder == method.order + 1)
    let b = tableau.b
    let residuals = phi.residuals(
      ofOrder: method.order + 1, weights: b, magnitudes: b.map { abs($0) })
    #expect(residuals.contains(where: Self.clearlyFails))
  }

  @Test("b̂ = b − b̃ has the embedded order, exactly", arguments: RKMethods.all)
  func embeddedWeightsHaveEmbeddedOrder(_ method: RKMethod) throws {
    let tableau = method.tableau
    guard let order = method.embeddedOrder else {
      #expect(tableau.bTilde == nil)
      return
    }
    let bHat = try #require(tableau.embeddedWeights)
    let magnitudes = zip(tableau.b, try #require(tableau.bTilde)).map { abs($0) + abs($1) }
    let phi = Self.weights(tableau, order: order)
    for n in 1...order {
      for r in phi.residuals(ofOrder: n, weights: bHat, magnitudes: magnitudes) {
        #expect(
          r.holds(relativeTolerance: Self.tolerance),
          "tree \(r.tree) of order \(n): residual \(r.residual), terms \(r.scale)")
      }
    }
    let next = phi.residuals(ofOrder: order + 1, weights: bHat, magnitudes: magnitudes)
    #expect(next.contains(where: Self.clearlyFails), "b̂ has order > \(order)")
  }

  @Test("the second embedded method (BS5, DP8) has its order, exactly", arguments: RKMethods.all)
  func secondaryEmbeddedWeightsHaveTheirOrder(_ method: RKMethod) throws {
    let tableau = method.tableau
    guard let order = method.secondaryEmbeddedOrder else { return }
    let weights = try #require(tableau.secondaryEmbeddedWeights)
    let magnitudes = zip(tableau.b, try #require(tableau.secondaryBTilde)).map {
      abs($0) + abs($1)
    }
    let phi = Self.weights(tableau, order: order)
    #expect(
      phi.satisfiedOrder(
        weights: weights, magnitudes: magnitudes, relativeTolerance: Self.tolerance) == order)
    let next = phi.residuals(ofOrder: order + 1, weights: weights, magnitudes: magnitudes)
    #expect(next.contains(where: Self.clearlyFails))
  }

  @Test(
    "the dense output bᵢ(θ) has the interpolant order q at θ = 0.3, 0.5, 0.7, 1",
    arguments: RKMethods.all)
  func denseOutputHasInterpolantOrder(_ method: RKMethod) {
    let tableau = method.tableau
    let q = method.interpolantOrder
    let phi = Self.weights(tableau, order: q)
    var failsAtNextOrder = false
    for theta in [0.3, 0.5, 0.7, 1.0] {
      let (w, magnitudes) = tableau.denseWeightsWithMagnitudes(theta: theta)
      for n in 1...q {
        for r in phi.residuals(ofOrder: n, weights: w, magnitudes: magnitudes, theta: theta) {
          #expect(
            r.holds(relativeTolerance: Self.tolerance),
            "θ = \(theta), tree \(r.tree) of order \(n): residual \(r.residual), terms \(r.scale)")
        }
      }
      if theta < 1 && q + 1 <= phi.maxOrder {
        let next = phi.residuals(
          ofOrder: q + 1, weights: w, magnitudes: magnitudes, theta: theta)
        failsAtNextOrder = failsAtNextOrder || next.contains(where: Self.clearlyFails)
      }
    }
    // The interpolant is not of order q + 1 either (Vern9's q + 1 = 10 is the last order
    // generated).
    #expect(failsAtNextOrder, "the dense output has order > \(q)")
  }
}
