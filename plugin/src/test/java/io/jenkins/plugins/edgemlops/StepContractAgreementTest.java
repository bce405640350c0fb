package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgemlops.contract.JenkinsHelpFiles;
import io.edgemlops.contract.Parameter;
import io.edgemlops.contract.StepContract;
import io.edgemlops.contract.StepContracts;
import io.edgemlops.contract.TrainModelContract;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Each step class binds exactly its contract's Pipeline parameters (required ones in the constructor, optional ones as
 * setters, each with a getter), its descriptor names the contract's function, and the Snippet Generator files on the
 * class path are the ones generated from the contract.
 */
class StepContractAgreementTest {

    static Iterable<StepContract> steps() {
        return StepContracts.ALL;
    }

    @ParameterizedTest
    @MethodSource("steps")
    void constructorTakesExactlyTheRequiredParameters(StepContract contract) throws Exception {
        Class<?> step = stepClass(contract);
        Constructor<?> constructor = Arrays.stream(step.getConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).findFirst().orElseThrow();
        assertEquals(contract.pipelineParameters().stream().filter(Parameter::required).map(Parameter::name).toList(),
                Arrays.stream(constructor.getParameters()).map(java.lang.reflect.Parameter::getName).toList());
    }

    @ParameterizedTest
    @MethodSource("steps")
    void settersAreExactlyTheOptionalParametersAndEveryParameterHasAGetter(StepContract contract) throws Exception {
        Class<?> step = stepClass(contract);
        Set<String> setters = Arrays.stream(step.getMethods())
                .filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .map(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(contract.pipelineParameters().stream().filter(p -> !p.required()).map(Parameter::name)
                .collect(Collectors.toCollection(TreeSet::new)), setters);
        for (Parameter p : contract.pipelineParameters()) {
            assertNotNull(StepProperties.getter(step, p), step.getSimpleName() + " has no getter for " + p.name());
        }
    }

    @ParameterizedTest
    @MethodSource("steps")
    void descriptorNamesTheContractsFunction(StepContract contract) throws Exception {
        Class<?> descriptor = Class.forName(stepClass(contract).getName() + "$DescriptorImpl");
        StepDescriptor instance = (StepDescriptor) descriptor.getConstructor().newInstance();
        assertEquals(contract.function(), instance.getFunctionName());
        assertEquals(contract.displayName(), instance.getDisplayName());
    }

    @ParameterizedTest
    @MethodSource("steps")
    void snippetGeneratorFilesAreTheContractsOwn(StepContract contract) throws IOException, ClassNotFoundException {
        Class<?> step = stepClass(contract);
        for (Map.Entry<String, String> file : JenkinsHelpFiles.filesOf(contract).entrySet()) {
            try (InputStream in = step.getResourceAsStream(step.getSimpleName() + "/" + file.getKey())) {
                assertNotNull(in, step.getSimpleName() + "/" + file.getKey() + " is on the class path");
                assertEquals(file.getValue(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void validationSplitOfZeroIsRefusedBeforeTheEngineStartsInTheContractsWords() {
        TrainModelStep step = new TrainModelStep("pump", "d.csv", "state");
        step.setValidationSplit(0.0);

        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("trainModel: " + TrainModelContract.VALIDATION_SPLIT.check(0.0).orElseThrow(),
                error.getMessage());
    }

    private static Class<?> stepClass(StepContract contract) throws ClassNotFoundException {
        return Class.forName("io.jenkins.plugins.edgemlops." + JenkinsHelpFiles.stepClassName(contract));
    }
}
