import DiffEqBase

/// A hierarchy of nodes that is also a state vector (DifferentialEquations.jl's
/// MultiScaleArrays): for example embryo → tissues → populations → cells, each level with
/// values of its own if it likes, the cells (leaves) with their species. The values live in
/// one flat array, depth first (a node's own values, then each child's), so every vector
/// operation a solver does runs on contiguous storage exactly as for `[Double]`; the
/// structure is a ``MultiScaleLayout`` with the leaves' offsets cached.
///
/// Nodes are added and removed during a solve from a callback's affect; setting the
/// integrator's state to the changed array rebuilds the solver's caches in its shape:
///
/// ```swift
/// affect: { integrator in
///   var u = integrator.u
///   u.addNode(MultiScaleNode(values: [0.5, 0, 0, 0]), at: [0, 0, u.childCount(at: [0, 0])])
///   integrator.u = u
/// }
/// ```
///
/// The right-hand side reads "for every cell, do the cell's reactions" through the leaves'
/// offsets:
///
/// ```swift
/// for cell in 0..<u.leafCount {
///   let s = u.leafStart(cell)
///   du[s] = growth * u[s]
/// }
/// ```
public struct MultiScaleArray: StateVector, Sendable {
  /// Components are `Double`.
  public typealias Scalar = Double

  /// The values, depth first.
  public var storage: [Double]
  /// The hierarchy's shape.
  public private(set) var layout: MultiScaleLayout
  /// Where each leaf's values start in ``storage``, and how many it has (depth first).
  public private(set) var leafStarts: [Int]
  /// The number of values of each leaf.
  public private(set) var leafCounts: [Int]

  /// The array holding `root` and its descendants.
  public init(_ root: MultiScaleNode) {
    var flat: [Double] = []
    flat.reserveCapacity(root.totalCount)
    root.appendFlattened(to: &flat)
    storage = flat
    layout = root.layout
    leafStarts = []
    leafCounts = []
    refreshLeaves()
  }

  /// Recomputes the leaf offsets after a structural change.
  mutating func refreshLeaves() {
    leafStarts.removeAll(keepingCapacity: true)
    leafCounts.removeAll(keepingCapacity: true)
    layout.collectLeaves(base: 0, starts: &leafStarts, counts: &leafCounts)
  }

  /// The number of scalars.
  @inlinable
  public var count: Int { storage.count }

  /// Scalar `index` of the flat storage.
  @inlinable
  public subscript(index: Int) -> Double {
    get { storage[index] }
    set { storage[index] = newValue }
  }

  /// The same hierarchy with every value zero.
  public func zeroed() -> MultiScaleArray {
    var copy = self
    copy.storage = [Double](repeating: 0, count: storage.count)
    return copy
  }

  /// The flat storage as one buffer.
  @inlinable
  public mutating func withContiguousMutableStorageIfAvailable<R>(
    _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R? {
    try storage.withUnsafeMutableBufferPointer { try body(&$0) }
  }

  /// Same structure (not only the same count).
  public func hasSameShape(as other: MultiScaleArray) -> Bool {
    storage.count == other.storage.count && layout == other.layout
  }

  /// The number of leaves (cells: childless nodes with values; an emptied population is
  /// not one).
  @inlinable
  public var leafCount: Int { leafStarts.count }

  /// Where leaf `i`'s values start.
  @inlinable
  public func leafStart(_ i: Int) -> Int { leafStarts[i] }

  /// The flat indices of leaf `i`'s values.
  public func leafRange(_ i: Int) -> Range<Int> { leafStarts[i]..<(leafStarts[i] + leafCounts[i]) }

  /// The flat indices of the node at `path` and its descendants (`[]` is the root; `[2, 0]`
  /// the first child of the root's third child), or `nil` when there is no such node.
  public func range(of path: [Int]) -> Range<Int>? {
    guard let offset = layout.offset(of: path[...]), let node = layout.node(at: path[...])
    else { return nil }
    return offset..<(offset + node.length)
  }

  /// The flat indices of the node's own values (not its children's).
  public func ownValuesRange(of path: [Int]) -> Range<Int>? {
    guard let offset = layout.offset(of: path[...]), let node = layout.node(at: path[...])
    else { return nil }
    return offset..<(offset + node.ownCount)
  }

  /// The number of children of the node at `path` (0 when there is no such node).
  public func childCount(at path: [Int]) -> Int {
    layout.node(at: path[...])?.children.count ?? 0
  }

  /// The node at `path` as a value (its values and descendants), or `nil`.
  public func node(at path: [Int]) -> MultiScaleNode? {
    guard let offset = layout.offset(of: path[...]), let shape = layout.node(at: path[...])
    else { return nil }
    var position = offset
    return build(shape, from: &position)
  }

  /// The node of `shape` whose values start at `position` (advanced past it).
  func build(_ shape: MultiScaleLayout, from position: inout Int) -> MultiScaleNode {
    let own = Array(storage[position..<(position + shape.ownCount)])
    position += shape.ownCount
    var children: [MultiScaleNode] = []
    for child in shape.children { children.append(build(child, from: &position)) }
    return MultiScaleNode(values: own, children: children)
  }

  /// Inserts `node` so that it becomes the node at `path` (child `path.last` of the node at
  /// `path.dropLast()`; `path.last` may equal the parent's child count to append). Returns
  /// `false`, changing nothing, when the parent does not exist or the index is out of range.
  @discardableResult
  public mutating func addNode(_ node: MultiScaleNode, at path: [Int]) -> Bool {
    guard let last = path.last, let parent = layout.node(at: path.dropLast()),
      last >= 0 && last <= parent.children.count,
      let parentOffset = layout.offset(of: path.dropLast())
    else { return false }
    var offset = parentOffset + parent.ownCount
    for c in 0..<last { offset += parent.children[c].length }
    var flat: [Double] = []
    node.appendFlattened(to: &flat)
    storage.insert(contentsOf: flat, at: offset)
    layout.insert(node.layout, at: path[...])
    refreshLeaves()
    return true
  }

  /// Removes the node at `path` (not the root) and its descendants, returning it; `nil`,
  /// changing nothing, when there is no such node.
  @discardableResult
  public mutating func removeNode(at path: [Int]) -> MultiScaleNode? {
    guard !path.isEmpty, let removed = node(at: path), let range = range(of: path) else {
      return nil
    }
    storage.removeSubrange(range)
    layout.remove(at: path[...])
    refreshLeaves()
    return removed
  }
}
