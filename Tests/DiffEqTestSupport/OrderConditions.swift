import DiffEqExplicitRK

/// The elementary weights `Φ(t)` of a Runge–Kutta matrix for every rooted tree up to some
/// order, and the order conditions built on them.
///
/// For a tree `t = [t₁, …, t_m]` (a root over the subtrees `tₖ`) the stage vector of
/// elementary weights is
///
/// ```
/// Φᵢ(•) = 1,   Φᵢ(t) = Πₖ (A Φ(tₖ))ᵢ
/// ```
///
/// and a weight vector `w` satisfies the condition of `t` at `θ` when
/// `Σᵢ wᵢ Φᵢ(t) = θ^|t| / γ(t)` (`θ = 1` for the step's own weights; Hairer–Nørsett–Wanner I,
/// Sect. II.2, Thm. 2.13, and Sect. II.6, Thm. 6.1 for the continuous extension).
///
/// Some coefficients are large (Vern6's `a` reaches ~4e3, Vern8's interpolant ~1e6) and a
/// condition is then a sum of large terms that cancel, so a residual is judged against its
/// sensitivity to rounding: a first-order bound, in units of the rounding unit, on how much the
/// residual moves when every coefficient and every operation is perturbed by one rounding
/// error. It is propagated along the recursion (`Sᵢ(•) = 0`):
///
/// ```
/// gᵢ = (A Φ(tₖ))ᵢ,   S(gᵢ) = Σⱼ |aᵢⱼ| (Sⱼ(tₖ) + |Φⱼ(tₖ)|)
/// Sᵢ(t) = Σₖ S(gₖ,ᵢ) Π_{l≠k} |g_l,ᵢ| + |Φᵢ(t)|
/// S(residual) = Σᵢ (|wᵢ| Sᵢ(t) + |wᵢ|* |Φᵢ(t)|) + |θ^|t|/γ(t)|
/// ```
///
/// with `|wᵢ|*` a bound on the size of the terms that make `wᵢ`. This is tighter than
/// `Σᵢ |wᵢ| Φᵢ(t; |A|)` (every coefficient replaced by its magnitude), which for Vern6's
/// high-order trees exceeds 1e10 and would let real defects pass.
public struct ElementaryWeights: Sendable {
  /// The trees, of which the first ``treeCount`` are used.
  public let trees: RootedTrees
  /// Number of trees with weights (those of order ≤ ``maxOrder``).
  public let treeCount: Int
  /// The largest tree order with weights.
  public let maxOrder: Int
  /// Number of stages `S` (step stages plus lazy dense-output stages).
  public let stageCount: Int
  /// `Φ(t)`, one vector of `S` entries per tree.
  public let phi: [[Double]]
  /// `S(t)`: the rounding sensitivity of `Φ(t)`, in units of the rounding unit.
  public let sensitivity: [[Double]]

  /// The elementary weights of `tableau`'s full matrix (all `S` stages) for every tree of
  /// order ≤ `maxOrder` (which must not exceed `trees.maxOrder`).
  public init(
    _ tableau: ExplicitRKTableau, maxOrder: Int, trees: RootedTrees = .upToOrder10
  ) {
    precondition(maxOrder <= trees.maxOrder, "generate trees up to order \(maxOrder) first")
    self.trees = trees
    self.maxOrder = maxOrder
    let s = tableau.totalStageCount
    stageCount = s
    let count = trees.trees.prefix { $0.order <= maxOrder }.count
    treeCount = count
    var phi: [[Double]] = []
    var sensitivity: [[Double]] = []
    // A·Φ(t) and its sensitivity per tree, for the trees that hang below a root.
    var aPhi: [[Double]] = []
    var aPhiSensitivity: [[Double]] = []
    phi.reserveCapacity(count)
    for index in 0..<count {
      let children = trees.trees[index].children
      var value = [Double](repeating: 1, count: s)
      var error = [Double](repeating: 0, count: s)
      for i in 0..<s {
        for (k, child) in children.enumerated() {
          value[i] *= aPhi[child][i]
          var term = aPhiSensitivity[child][i]
          for (l, other) in children.enumerated() where l != k { term *= abs(aPhi[other][i]) }
          error[i] += term
        }
        if !children.isEmpty { error[i] += abs(value[i]) }
      }
      var product = [Double](repeating: 0, count: s)
      var productError = [Double](repeating: 0, count: s)
      for i in 1..<max(s, 1) {
        var sum = 0.0
        var sumError = 0.0
        for j in 0..<i {
          let a = tableau.a(i, j)
          sum += a * value[j]
          sumError += abs(a) * (error[j] + abs(value[j]))
        }
        product[i] = sum
        productError[i] = sumError
      }
      phi.append(value)
      sensitivity.append(error)
      aPhi.append(product)
      aPhiSensitivity.append(productError)
    }
    self.phi = phi
    self.sensitivity = sensitivity
  }

  /// The residual of one order condition and the size of its terms.
  public struct Residual: Sendable {
    /// Index of the tree in ``RootedTrees/trees``.
    public let tree: Int
    /// `|t|`.
    public let order: Int
    /// `Σᵢ wᵢ Φᵢ(t) − θ^|t|/γ(t)`.
    public let residual: Double
    /// `θ^|t|/γ(t)`, the exact value.
    public let target: Double
    /// The residual's rounding sensitivity (see ``ElementaryWeights``): the size of the terms
    /// that cancel.
    public let scale: Double

    /// Whether the residual is below `relativeTolerance` times its sensitivity.
    public func holds(relativeTolerance: Double) -> Bool {
      abs(residual) <= relativeTolerance * scale
    }
  }

  /// The residual of the condition of tree `tree` for the weights `w` (one per stage, at most
  /// `S`; missing stages weigh zero) with magnitudes `wMagnitude` (`|wᵢ|`, or a bound on it),
  /// at `θ` (`1` for a step's weights).
  public func residual(
    tree: Int, weights w: [Double], magnitudes wMagnitude: [Double], theta: Double = 1
  ) -> Residual {
    precondition(tree < treeCount && w.count <= stageCount && wMagnitude.count == w.count)
    let t = trees.trees[tree]
    var sum = 0.0
    var scale = 0.0
    for i in 0..<w.count {
      sum += w[i] * phi[tree][i]
      scale += abs(w[i]) * sensitivity[tree][i] + wMagnitude[i] * abs(phi[tree][i])
    }
    var power = 1.0
    for _ in 0..<t.order { power *= theta }
    let target = power / t.density
    return Residual(
      tree: tree, order: t.order, residual: sum - target, target: target,
      scale: scale + abs(target))
  }

  /// The residuals of every tree of order `order`.
  public func residuals(
    ofOrder order: Int, weights w: [Double], magnitudes wMagnitude: [Double], theta: Double = 1
  ) -> [Residual] {
    (0..<treeCount).filter { trees.trees[$0].order == order }.map {
      residual(tree: $0, weights: w, magnitudes: wMagnitude, theta: theta)
    }
  }

  /// The largest `n ≤ maxOrder` such that every condition of order ≤ `n` holds to
  /// `relativeTolerance` (`0` if even `Σ wᵢ = θ` fails).
  public func satisfiedOrder(
    weights w: [Double], magnitudes wMagnitude: [Double], theta: Double = 1,
    relativeTolerance: Double
  ) -> Int {
    var n = 0
    while n < maxOrder {
      let all = residuals(ofOrder: n + 1, weights: w, magnitudes: wMagnitude, theta: theta)
      guard all.allSatisfy({ $0.holds(relativeTolerance: relativeTolerance) }) else { break }
      n += 1
    }
    return n
  }
}

extension ExplicitRKTableau {
  /// The dense-output weights `bᵢ(θ) = Σₘ Bᵢₘ θᵐ` (all `S` stages) and the bounds
  /// `Σₘ |Bᵢₘ| θᵐ` on the size of their terms, by direct summation of the powers (independent
  /// of the library's Horner evaluation).
  public func denseWeightsWithMagnitudes(theta: Double) -> (
    weights: [Double], magnitudes: [Double]
  ) {
    var weights = [Double](repeating: 0, count: totalStageCount)
    var magnitudes = [Double](repeating: 0, count: totalStageCount)
    for i in 0..<totalStageCount {
      var power = 1.0
      for m in 0..<interpolantDegree {
        power *= theta
        let coefficient = interpolant[i * interpolantDegree + m]
        weights[i] += coefficient * power
        magnitudes[i] += abs(coefficient) * power
      }
    }
    return (weights, magnitudes)
  }

  /// The weights `b̂ = b − b̃` of the embedded method, or `nil` without an error estimator.
  public var embeddedWeights: [Double]? {
    bTilde.map { bTilde in zip(b, bTilde).map { $0 - $1 } }
  }

  /// The weights `b − b̃₂` of the second embedded method, if there is one.
  public var secondaryEmbeddedWeights: [Double]? {
    secondaryBTilde.map { secondary in zip(b, secondary).map { $0 - $1 } }
  }
}
