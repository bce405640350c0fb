package io.edgemlops.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Realistic results, shaped as the steps return them (copied from the plugin's tests and the CLI's output). */
final class Samples {

    static final long MINUTE = 60_000;
    static final long T0 = 1_790_000_000_000L;
    static final GateLimits LIMITS = new GateLimits(0.2, 0.05, 10.0);

    private Samples() {
    }

    static Map<String, Object> train() {
        return Json.object("""
                {"model":"pump","version":3,"task":"classification","accuracy":0.91234,"macroF1":0.9,"rows":5000,
                 "trainRows":4000,"holdoutRows":1000,"sizeBytes":14610,"datasetSha256":"ab12",
                 "modelUri":"s3://m/models/pump/versions/3/model.json","parentVersion":1,
                 "trigger":"field drift of pump@1 on eu: band_hf","epochsRun":12,"bestEpoch":9,
                 "stopReason":"early stopping",
                 "lineage":[{"version":3,"parentVersion":1,"datasetSha256":"c0ffee","metrics":{"accuracy":0.93,
                              "macroF1":0.9288},"trigger":"field drift of pump@1 on eu: band_hf"},
                            {"version":1,"datasetSha256":"9f2c","metrics":{"accuracy":0.9239,"macroF1":0.9208}}],
                 "metrics":{"classCounts":{"normal":600,"worn":400},"confusionMatrix":[[590,10],[20,380]]}}""");
    }

    static Map<String, Object> regression() {
        return Json.object("""
                {"model":"flow","version":1,"task":"regression","rmse":0.25,"mae":0.2,"r2":0.95,
                 "metrics":{"rmse":0.25}}""");
    }

    static Map<String, Object> quantize() {
        return Json.object("""
                {"passed":true,"model":"pump","version":3,"variant":"int8","method":"int8-static",
                 "sizeBytes":4210,"fp32SizeBytes":14610,"sizeRatio":3.4703,"accuracy":0.9428,"fp32Accuracy":0.9444,
                 "accuracyDrop":0.0016,"agreement":0.9975,"latencyP50Ms":0.008214,"latencyP95Ms":0.01175,
                 "fp32LatencyP50Ms":0.009876,"fp32LatencyP95Ms":0.01302,"latencyRatio":0.8317}""");
    }

    static Map<String, Object> validate() {
        return Json.object("""
                {"passed":true,"model":"pump","version":3,"target":"raspberry-pi-4","variant":"fp32",
                 "latencyP95Ms":0.09875,"accuracy":0.9444,"report":"edge-mlops-reports/v.xml",
                 "checks":[{"name":"model-size","passed":true,"value":14610,"limit":41300000,"unit":"bytes"},
                           {"name":"memory","passed":true,"value":8389000,"limit":536870912,"unit":"bytes"},
                           {"name":"latency-p95","passed":true,"value":0.09875,"limit":5,"unit":"ms"},
                           {"name":"operators","passed":true,"value":0,"limit":0,"unit":""},
                           {"name":"champion","passed":true,"value":0.012,"limit":-0.01,"unit":""}],
                 "champion":{"version":2,"variant":"fp32","variantNote":"the variant the champion serves on this target",
                             "maxRegression":0.01,"passed":true,"reason":"not worse than champion v2 fp32",
                             "rowSets":[{"name":"challenger-holdout","version":3,"rows":1000,"decides":true,
                                         "challengerAccuracy":0.9444,"championAccuracy":0.9324,"difference":0.012,
                                         "challengerMacroF1":0.94,"championMacroF1":0.93,"macroF1Difference":0.01,
                                         "passed":true},
                                        {"name":"champion-holdout","version":2,"rows":800,"decides":false,
                                         "note":"for information","challengerAccuracy":0.95,"championAccuracy":0.951,
                                         "difference":-0.001,"passed":true}]}}""");
    }

    static Map<String, Object> publish() {
        return Json.object("""
                {"rollout":"pump-v3-20261125T100000Z","fleet":"eu","model":"pump","version":3,"wave":1,
                 "waves":["1@jetson-nano-cpu","10%","100%"],"previousVersion":2,
                 "targets":{"jetson-nano-cpu":"fp32","raspberry-pi-4":"int8"},"shadow":true,
                 "overrides":["published without a passing validation: pump@3 fp32 has no passing validation for jetson-nano-cpu"],
                 "supersedes":"pump-v2-20261124T100000Z","keyId":"0123456789abcdef"}""");
    }

    static Map<String, Object> monitor() {
        return Json.object("""
                {"drifted":true,"version":3,"summary":"field drift in temp_bearing, flow_rate: retrain",
                 "reasons":["temp_bearing drifted: PSI 0.930 >= 0.2 (p 1.0e-40)"],"since":"24h",
                 "from":"2026-11-25T02:00:00Z","to":"2026-11-26T02:00:00Z","samples":12400,"devicesReporting":180,
                 "perFeature":[{"feature":"flow_rate","psi":0.31,"pValue":0.00002,"drifted":true,"critical":false},
                               {"feature":"rpm","psi":0.01,"pValue":0.7,"drifted":false,"critical":false},
                               {"feature":"temp_bearing","psi":0.93,"pValue":1e-40,"drifted":true,"critical":true}],
                 "driftedFeatures":["temp_bearing","flow_rate"],"predictionDrift":{"psi":0.02,"drifted":false},
                 "perTarget":[{"target":"raspberry-pi-4","samples":12400,"devices":180,"drifted":true,
                 "driftedFeatures":["temp_bearing"]}],"report":"fleets/eu/monitor/pump/20261126T020000Z.json"}""");
    }

    /** A gate result as {@code edge-mlops gate --once --json} prints it. */
    static Map<String, Object> gate(String decision, int wave, long samples, double vibrationPsi, String latency,
            String control, String... reasons) {
        boolean passed = !decision.equals("ROLLED_BACK");
        List<String> quoted = new ArrayList<>();
        for (String r : reasons) {
            quoted.add("\"" + r + "\"");
        }
        return Json.object("""
                {"decision":"%s","passed":%s,"rollout":"pump-v3-20261125T100000Z","fleet":"eu","model":"pump",
                 "version":3,"previousVersion":2,"wave":%d,"waves":2,"complete":false,"reasons":[%s],
                 "waitingFor":["samples: %d of 2000 inferences"],
                 "perFeature":{"temp":{"psi":0.031,"pValue":0.41,"drifted":false},
                               "vibration":{"psi":%s,"pValue":0.0001,"drifted":true}},
                 "driftedFeatures":["vibration"],"fieldDrift":false,
                 "latencyP95Ms":%s,"controlLatencyP95Ms":%s,
                 "errorRate":0.004,"samples":%d,"devicesReporting":9,"devicesExpected":10,"polls":1,
                 "report":"fleets/eu/rollouts/pump/pump-v3-20261125T100000Z/report.html"}"""
                .formatted(decision, passed, wave, String.join(",", quoted), samples, vibrationPsi, latency,
                        control, samples));
    }

    /** Four polls: three waits on wave 1 and 2, then a promotion. */
    static List<GatePoll> polls() {
        List<GatePoll> polls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            polls.add(new GatePoll(T0 + i * MINUTE, gate(i < 3 ? "WAIT" : "PROMOTED", i < 2 ? 1 : 2, 500L * i,
                    0.05 * (i + 1), "{\"raspberry-pi-4\":" + (4 + i) + "}", "{\"raspberry-pi-4\":4.0}",
                    i < 3 ? new String[0] : new String[] {"no feature drifted"})));
        }
        return polls;
    }
}
