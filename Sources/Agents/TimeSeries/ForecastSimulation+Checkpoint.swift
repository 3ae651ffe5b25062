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
        round = try reader.readInt()
        predictions = try reader.readDoubles()
        try reader.read(into: &predictionHistory)
        try reader.read(into: &encodingHistory)
        guard try reader.readBool() == (weightHistory != nil) else { throw CheckpointError.mismatch("the mixture weight history") }
        if var history = weightHistory {
            try reader.read(into: &history)
            weightHistory = history
        }
        serverPrediction = try reader.readDoubles()
        if try reader.readBool() {
            guard var stateful = mixture as? any CheckpointableState else { throw CheckpointError.mismatch("mixture rule state") }
            try stateful.restore(from: &reader)
            guard let rule = stateful as? any MixtureRule else { throw CheckpointError.mismatch("mixture rule state") }
            mixture = rule
        }
        weights = try reader.readDoubles()
        controls = try reader.readDoubles()
        nextPredictions = try reader.readDoubles()
        let hasSample = try reader.readBool()
        let drawn = try reader.readInts()
        sample = hasSample ? drawn : nil
        accumulator.mixtureSquared = try reader.readDouble()
        accumulator.clientSquared = try reader.readDoubles()
        accumulator.clientCost = try reader.readDoubles()
        accumulator.naiveSquared = try reader.readDouble()
        accumulator.scored = try reader.readInt()
        accumulator.messages = try reader.readInt()
        wallSeconds = try reader.readDouble()
        lastMixtureSquaredError = try reader.readDouble()
        try reader.read(into: &encoders)
        try reader.read(into: &accumulator.hindsight)
        let dy = data.targetDimension, dz = encoders.config.latentWidth
        guard (0...data.rounds).contains(round), predictions.count == clients * dy, weights.count == clients + (persistenceExpert ? 1 : 0),
              nextPredictions.count == clients * dy, controls.count == clients * dz,
              encodingHistory.newest <= round, predictionHistory.newest <= round,
              accumulator.clientSquared.count == clients, accumulator.clientCost.count == clients,
              sample?.allSatisfy({ (0..<clients).contains($0) }) ?? true else {
            throw CheckpointError.corrupt("the time-series state does not fit \(clients) clients over \(data.rounds) rounds")
        }
    }
}
