package io.edgemlops.demo;

import io.edgemlops.gate.GateDecision;
import io.edgemlops.usecase.AwaitDriftGate;
import io.edgemlops.usecase.PublishToEdge;
import io.edgemlops.usecase.QuantizeAndRegister;
import io.edgemlops.usecase.TrainAndRegister;
import io.edgemlops.usecase.ValidateAndRecord;
import java.util.List;

/**
 * One version's way through a night: trained, quantized, validated per target, published and judged by the gate.
 *
 * @param purpose why the demo trains it, one line
 * @param trained the training and registration
 * @param int8 the int8 variant, or null when quantization did not keep one
 * @param validations one per target, with the variant that target runs
 * @param published the rollout, or null when validation stopped it
 * @param polls every gate poll of the rollout, in order; empty when not published
 */
public record Candidate(String purpose, TrainAndRegister.Outcome trained, QuantizeAndRegister.Outcome int8,
                        List<ValidateAndRecord.Outcome> validations, PublishToEdge.Outcome published,
                        List<AwaitDriftGate.Outcome> polls) {

    public Candidate {
        validations = List.copyOf(validations);
        polls = List.copyOf(polls);
    }

    public int version() {
        return trained.card().version();
    }

    /** The gate's last answer on this version's rollout, or null when it was not rolled out. */
    public AwaitDriftGate.Outcome lastPoll() {
        return polls.isEmpty() ? null : polls.get(polls.size() - 1);
    }

    /** The gate's final decision, or null when the version was not rolled out. */
    public GateDecision decision() {
        return polls.isEmpty() ? null : lastPoll().decision();
    }
}
