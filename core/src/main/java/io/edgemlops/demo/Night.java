package io.edgemlops.demo;

import io.edgemlops.usecase.MonitorFieldDrift;
import java.time.Instant;
import java.util.List;

/**
 * One night of the nightly job: what the field drift monitor answered, and every version that night trained.
 *
 * @param number counted from 1
 * @param started simulated time the night's job started
 * @param monitor the field drift monitor's answer that decided whether to retrain
 * @param candidates the versions trained that night, in order
 */
public record Night(int number, Instant started, MonitorFieldDrift.Outcome monitor, List<Candidate> candidates) {

    public Night {
        candidates = List.copyOf(candidates);
    }
}
