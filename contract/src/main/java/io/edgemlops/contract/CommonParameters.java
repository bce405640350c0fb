package io.edgemlops.contract;

/** Parameters every step that works on the store shares: one definition, one help text. */
public final class CommonParameters {

    private CommonParameters() {
    }

    public static final Parameter STORE = Parameter.builder("store", ParameterType.TEXT)
            .defaultText("the `EDGE_MLOPS_STORE` environment variable")
            .title("Store")
            .help("Where models live: `s3://bucket/prefix` on any S3-compatible server (set `EDGE_MLOPS_S3_ENDPOINT` "
                    + "for one other than AWS) or `local:DIR` for the embedded server on a folder. Credentials are "
                    + "never a parameter: they come from the standard `AWS_*` environment variables, so "
                    + "`withCredentials` or `withAWS` supply them.")
            .build();

    public static final Parameter FAIL_ON_ERROR = Parameter.builder("failOnError", ParameterType.FLAG)
            .defaultValue(true)
            .title("Fail the build when a check fails")
            .help("When false, a failed check returns the result with `passed: false` instead of failing the build, "
                    + "so the Jenkinsfile can decide (for example mark the build unstable). Bad arguments and store "
                    + "errors still fail the build.")
            .surface(Surface.PIPELINE_ONLY)
            .build();
}
