import DiffEqTestSupport
import DifferentialEquations
import Testing

/// The shape and bookkeeping of every tableau: declared orders against the literature, the
/// row-sum condition, FSAL structure, and continuity of the dense output.
@Suite("Tableau structure")
struct TableauStructureTests {
  @Test("the registry holds all 17 methods once each")
  func registryIsComplete() {
    let names = RKMethods.all.map(\.name)
    #expect(names.count == 17)
    #expect(Set(names).count == 17)
    #expect(
      RKMethods.highOrderAdaptive.map(\.name).sorted() == [
        "BS5", "DP5", "DP8", "OwrenZen5", "Tsit5", "Vern6", "Vern7", "Vern8", "Vern9",
      ])
  }

  @Test("the tableau declares the published orders", arguments: RKMethods.all)
  func declaredOrders(_ method: RKMethod) {
    let tableau = method.tableau
    #expect(tableau.name == method.name)
    #expect(method.algorithm.name == method.name)
    #expect(tableau.order == method.order)
    #expect(tableau.embeddedOrder == method.embeddedOrder)
    #expect(tableau.interpolantOrder == method.interpolantOrder)
    #expect(method.algorithm.isAdaptive == method.isAdaptive)
    #expect((tableau.bTilde != nil) == method.isAdaptive)
    #expect((tableau.secondaryBTilde != nil) == (method.secondaryEmbeddedOrder != nil))
  }

  @Test("the rows of A sum to c (every stage, lazy ones included)", arguments: RKMethods.all)
  func rowSumsEqualNodes(_ method: RKMethod) {
    let tableau = method.tableau
    #expect(tableau.c[0] == 0)
    for i in 1..<tableau.totalStageCount {
      var sum = 0.0
      var size = 0.0
      for j in 0..<i {
        sum += tableau.a(i, j)
        size += abs(tableau.a(i, j))
      }
      #expect(
        abs(sum - tableau.c[i]) <= 1e-14 * max(size, 1),
        "stage \(i + 1): Σⱼ aᵢⱼ = \(sum), c = \(tableau.c[i])")
    }
  }

  @Test("an FSAL method's last stage is f(tₙ₊₁, uₙ₊₁)", arguments: RKMethods.all)
  func fsalStructure(_ method: RKMethod) {
    let tableau = method.tableau
    guard tableau.isFSAL else { return }
    let s = tableau.stageCount
    #expect(tableau.c[s - 1] == 1)
    #expect(tableau.b[s - 1] == 0)
    for j in 0..<(s - 1) {
      #expect(tableau.a(s - 1, j) == tableau.b[j], "a\(s),\(j + 1) ≠ b\(j + 1)")
    }
  }

  @Test(
    "the dense output ends at the step: bᵢ(1) = bᵢ, and 0 for lazy stages",
    arguments: RKMethods.all)
  func denseOutputIsContinuous(_ method: RKMethod) {
    let tableau = method.tableau
    let (atOne, magnitudes) = tableau.denseWeightsWithMagnitudes(theta: 1)
    for i in 0..<tableau.totalStageCount {
      let expected = i < tableau.stageCount ? tableau.b[i] : 0
      #expect(
        abs(atOne[i] - expected) <= 1e-14 * max(magnitudes[i], 1),
        "b\(i + 1)(1) = \(atOne[i]), b\(i + 1) = \(expected)")
    }
    let (atZero, _) = tableau.denseWeightsWithMagnitudes(theta: 0)
    #expect(atZero.allSatisfy { $0 == 0 })
  }

  @Test(
    "the library's Horner evaluation of bᵢ(θ) and bᵢ′(θ) matches the polynomials",
    arguments: RKMethods.all)
  func hornerMatchesPowerSum(_ method: RKMethod) {
    let tableau = method.tableau
    let degree = tableau.interpolantDegree
    var weights = [Double](repeating: .nan, count: tableau.totalStageCount)
    for theta in [0.3, 0.5, 0.7, 1.0] {
      let (expected, magnitudes) = tableau.denseWeightsWithMagnitudes(theta: theta)
      tableau.denseWeights(theta: theta, derivative: 0, into: &weights)
      for i in 0..<tableau.totalStageCount {
        #expect(abs(weights[i] - expected[i]) <= 1e-14 * max(magnitudes[i], 1))
      }
      tableau.denseWeights(theta: theta, derivative: 1, into: &weights)
      for i in 0..<tableau.totalStageCount {
        var derivative = 0.0
        var size = 0.0
        var power = 1.0
        for m in 0..<degree {
          let term = Double(m + 1) * tableau.interpolant[i * degree + m] * power
          derivative += term
          size += abs(term)
          power *= theta
        }
        #expect(abs(weights[i] - derivative) <= 1e-14 * max(size, 1))
      }
    }
  }
}
