/// The rooted trees of Butcher's theory of order conditions, generated up to a given order.
///
/// A tree is a root with an unordered forest of subtrees. Trees are numbered in generation
/// order (by order, then by their children), and a tree stores its children as indices of
/// earlier trees in non-increasing order, which makes every tree appear exactly once.
///
/// The number of trees of order 1, 2, … is 1, 1, 2, 4, 9, 20, 48, 115, 286, 719 (OEIS A000081;
/// J. C. Butcher, "Numerical Methods for Ordinary Differential Equations", 3rd ed., Wiley
/// (2016), Table 301(I)).
public struct RootedTrees: Sendable {
  /// One rooted tree.
  public struct Tree: Sendable, Hashable {
    /// Indices (into ``RootedTrees/trees``) of the subtrees hanging from the root,
    /// non-increasing.
    public let children: [Int]
    /// Number of vertices `|t|`.
    public let order: Int
    /// Density `γ(t) = |t| · Π γ(subtree)`; the order condition is `Σᵢ bᵢ Φᵢ(t) = 1/γ(t)`.
    public let density: Double
  }

  /// All trees of order `1 … maxOrder`, sorted by order.
  public let trees: [Tree]
  /// The largest order generated.
  public let maxOrder: Int

  /// Generates every rooted tree with at most `maxOrder` vertices.
  public init(maxOrder: Int) {
    precondition(maxOrder >= 1)
    self.maxOrder = maxOrder
    var trees: [Tree] = [Tree(children: [], order: 1, density: 1)]
    for n in stride(from: 2, through: maxOrder, by: 1) {
      // A tree of order n is a root over a forest of total order n − 1: a multiset of earlier
      // trees, enumerated as index sequences that never increase.
      var forests: [[Int]] = []
      func extend(_ forest: [Int], remaining: Int, maxIndex: Int) {
        if remaining == 0 {
          forests.append(forest)
          return
        }
        var index = maxIndex
        while index >= 0 {
          let child = trees[index]
          if child.order <= remaining {
            extend(forest + [index], remaining: remaining - child.order, maxIndex: index)
          }
          index -= 1
        }
      }
      extend([], remaining: n - 1, maxIndex: trees.count - 1)
      for forest in forests {
        let density = forest.reduce(Double(n)) { $0 * trees[$1].density }
        trees.append(Tree(children: forest, order: n, density: density))
      }
    }
    self.trees = trees
  }

  /// The indices of the trees of order exactly `n`.
  public func indices(ofOrder n: Int) -> [Int] {
    trees.indices.filter { trees[$0].order == n }
  }

  /// Trees up to order 10, enough to check every condition of the 9th-order Verner pair and
  /// that its order is not 10. Generated once.
  public static let upToOrder10 = RootedTrees(maxOrder: 10)
}
