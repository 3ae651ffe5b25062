import Engine

extension ForecastSimulation: CheckpointableState {
    /// The data, the seed and the configuration, as a digest (the data are rebuilt, not saved).
    public var configurationDigest: UInt64 {
        var d = StateDigest()
        d.add(data.inputs.elements)
        d.add(data.targets.elements)
        d.add(seed)
        d.add("\(policy)")
        d.add("\(evaluation)")
        if persistenceExpert { d.add("persistenceExpert") }
        return d.value
    }

    /// Everything a round changes: predictions and the rounds of history the policies look back at,
    /// the mixture (weights and any state the rule keeps), the k-sample, the score accumulators and
    /// the encoders' last outputs.
    public func save(into writer: inout StateWriter) {
        writer.section("forecast-simulation")
        writer.write(configurationDigest)
        writer.write(round)
        writer.write(predictions)
        writer.write(predictionHistory)
        writer.write(encodingHistory)
        writer.write(weightHistory != nil)
        if let weightHistory { writer.write(weightHistory) }
        writer.write(serverPrediction)
        if let stateful = mixture as? any CheckpointableState {
            writer.write(true)
            writer.write(stateful)
        } else {
            writer.write(false)
        }
        writer.write(weights)
        writer.write(controls)
        writer.write(nextPredictions)
        writer.write(sample != nil)
        writer.write(sample ?? [])
        let a = accumulator
        writer.write(a.mixtureSquared)
        writer.write(a.clientSquared)
        writer.write(a.clientCost)
        writer.write(a.naiveSquared)
        writer.write(a.scored)
        writer.write(a.messages)
        writer.write(wallSeconds)
        writer.write(lastMixtureSquaredError)
        writer.write(encoders)
        writer.write(a.hindsight)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        try reader.section("forecast-simulation")
        guard try reader.readUInt64() == configurationDigest else {
            throw CheckpointError.mismatch("the series, seed or policy settings differ from the checkpointed run's")
        }
        let dy = data.targetDimension, dz = encoders.config.latentWidth, n = clients
        round = try reader.readInt(in: 0...data.rounds, "the round")
        predictions = try reader.readFiniteDoubles("the predictions", count: n * dy)
        try reader.read(into: &predictionHistory)
        try reader.read(into: &encodingHistory)
        guard try reader.readBool() == (weightHistory != nil) else { throw CheckpointError.mismatch("the mixture weight history") }
        if var history = weightHistory {
            try reader.read(into: &history)
            weightHistory = history
        }
        // observe appends the round's predictions and encodings, mixtureUpdate its weights and ends it.
        guard predictionHistory.newest == encodingHistory.newest, [round - 1, round].contains(predictionHistory.newest),
              weightHistory.map({ $0.newest == round - 1 }) ?? true else {
            throw CheckpointError.corrupt("the round histories end at rounds \(predictionHistory.newest), \(encodingHistory.newest) and \(weightHistory?.newest ?? round - 1), which do not fit round \(round)")
        }
        serverPrediction = try reader.readFiniteDoubles("the server prediction", count: dy)
        if try reader.readBool() {
            guard var stateful = mixture as? any CheckpointableState else { throw CheckpointError.mismatch("mixture rule state") }
            try stateful.restore(from: &reader)
            guard let rule = stateful as? any MixtureRule else { throw CheckpointError.mismatch("mixture rule state") }
            mixture = rule
        }
        weights = try reader.readFiniteDoubles("the mixture weights", count: n + (persistenceExpert ? 1 : 0))
        controls = try reader.readFiniteDoubles("the controls", count: n * dz)
        nextPredictions = try reader.readFiniteDoubles("the next predictions", count: n * dy)
        let hasSample = try reader.readBool()
        let drawn = try reader.readInts("the k-sample", in: 0...(n - 1))
        guard Set(drawn).count == drawn.count, hasSample || drawn.isEmpty else { throw CheckpointError.corrupt("the k-sample repeats a client") }
        sample = hasSample ? drawn : nil
        accumulator.mixtureSquared = try reader.readFinite("a squared error sum", in: 0...Double.greatestFiniteMagnitude)
        accumulator.clientSquared = try reader.readFiniteDoubles("the clients' squared errors", count: n)
        accumulator.clientCost = try reader.readFiniteDoubles("the clients' costs", count: n)
        accumulator.naiveSquared = try reader.readFinite("a squared error sum", in: 0...Double.greatestFiniteMagnitude)
        accumulator.scored = try reader.readInt(in: 0...round, "the rounds scored")
        accumulator.messages = try reader.readInt(in: 0...(1 << 53), "the message count")
        wallSeconds = try reader.readFinite("the wall time", in: 0...Double.greatestFiniteMagnitude)
        lastMixtureSquaredError = try reader.readFinite("the last squared error", in: 0...Double.greatestFiniteMagnitude)
        try reader.read(into: &encoders)
        try reader.read(into: &accumulator.hindsight)
    }
}
