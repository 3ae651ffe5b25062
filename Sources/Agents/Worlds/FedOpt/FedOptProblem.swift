import Engine

/// The clients' objectives of the module README, "Federated optimization": n quadratics
/// f_i(w) = 1/2 (w - w_i*)ᵀ A_i (w - w_i*) on R^d with w_i* = w* + heterogeneity · N(0, I) and A_i
/// diagonal with entries uniform in [1, condition]. Everything is drawn once from the `client` stream,
/// so every policy and every episode of a seed trains the same clients.
///
/// Storage is struct-of-arrays: client i's w_i* and diag(A_i) are `d` consecutive entries of
/// ``clientOptima`` and ``curvatures``.
public struct FedOptProblem: Encodable, Sendable, Equatable {
    /// n and d.
    public let clients: Int, dimension: Int
    /// w* ~ N(0, I).
    public let optimum: [Double]
    /// w_i*, flat `[i][j]`.
    public let clientOptima: [Double]
    /// diag(A_i), flat `[i][j]`.
    public let curvatures: [Double]
    /// argmin F: per coordinate Σ_i a_ij w_ij* / Σ_i a_ij (F is a sum of diagonal quadratics).
    public let minimizer: [Double]
    /// F* = F(minimizer), 0 when heterogeneity is 0.
    public let minimumLoss: Double

    /// Draws the clients of `seed`.
    /// - Precondition: `clients >= 1`, `dimension >= 1`, `heterogeneity >= 0`, `condition >= 1`.
    public init(clients: Int, dimension: Int, heterogeneity: Double, condition: Double, seed: UInt64) {
        precondition(clients >= 1 && dimension >= 1 && heterogeneity >= 0 && condition >= 1, "fedopt problem parameters")
        self.clients = clients
        self.dimension = dimension
        let stream = RandomStream(seed: seed, .client)
        var top = stream.generator(agent: -1, step: 0)
        let optimum = (0..<dimension).map { _ in top.normal() }
        var optima = [Double](repeating: 0, count: clients * dimension), a = optima
        for i in 0..<clients {
            var cell = stream.generator(agent: i, step: 0)
            for j in 0..<dimension {
                optima[i * dimension + j] = optimum[j] + heterogeneity * cell.normal()
                a[i * dimension + j] = 1 + (condition - 1) * cell.uniform()
            }
        }
        var minimizer = [Double](repeating: 0, count: dimension)
        for j in 0..<dimension {
            var weighted = 0.0, total = 0.0
            for i in 0..<clients {
                weighted += a[i * dimension + j] * optima[i * dimension + j]
                total += a[i * dimension + j]
            }
            minimizer[j] = weighted / total
        }
        self.optimum = optimum
        clientOptima = optima
        curvatures = a
        self.minimizer = minimizer
        minimumLoss = Self.loss(minimizer, optima: optima, curvatures: a, clients: clients, dimension: dimension)
    }

    /// f_i(w) = 1/2 Σ_j a_ij (w_j - w_ij*)².
    /// - Complexity: O(d).
    public func clientLoss(_ i: Int, _ w: [Double]) -> Double {
        var total = 0.0
        for j in 0..<dimension {
            let e = w[j] - clientOptima[i * dimension + j]
            total += curvatures[i * dimension + j] * e * e
        }
        return 0.5 * total
    }

    /// F(w) = (1/n) Σ_i f_i(w), summed in client order.
    /// - Complexity: O(n d).
    public func globalLoss(_ w: [Double]) -> Double {
        Self.loss(w, optima: clientOptima, curvatures: curvatures, clients: clients, dimension: dimension)
    }

    /// max_i f_i(w).
    /// - Complexity: O(n d).
    public func worstClientLoss(_ w: [Double]) -> Double {
        (0..<clients).reduce(-Double.infinity) { max($0, clientLoss($1, w)) }
    }

    /// Adds client i's update Δ_i = w_E - w to `sum`, where w_0 = w and `steps` local gradient steps
    /// w_{t+1} = w_t - stepSize · A_i (w_t - w_i*) are run.
    /// `scale` multiplies Δ_i before it is added (staleness discounts).
    /// - Complexity: O(steps · d).
    public func addUpdate(client i: Int, from w: [Double], stepSize: Double, steps: Int, scale: Double = 1,
                          into sum: inout [Double]) {
        for j in 0..<dimension {
            let a = curvatures[i * dimension + j], target = clientOptima[i * dimension + j]
            var x = w[j]
            for _ in 0..<steps { x -= stepSize * a * (x - target) }
            sum[j] += scale * (x - w[j])
        }
    }

    /// The mean update (1/|S|) Σ_{i ∈ S} Δ_i of the clients `sample`, in sample order — what the
    /// server averages in a synchronous round.
    public func meanUpdate(of sample: [Int], from w: [Double], stepSize: Double, steps: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: dimension)
        for i in sample { addUpdate(client: i, from: w, stepSize: stepSize, steps: steps, into: &sum) }
        return sum.map { $0 / Double(max(sample.count, 1)) }
    }

    private static func loss(_ w: [Double], optima: [Double], curvatures: [Double], clients: Int, dimension: Int) -> Double {
        var total = 0.0
        for i in 0..<clients {
            var client = 0.0
            for j in 0..<dimension {
                let e = w[j] - optima[i * dimension + j]
                client += curvatures[i * dimension + j] * e * e
            }
            total += 0.5 * client
        }
        return total / Double(clients)
    }
}
