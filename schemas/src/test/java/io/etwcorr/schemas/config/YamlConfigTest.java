package io.etwcorr.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigTest {
    /** A config shaped like the project's: sections, ranges, lists of text, numbers and sections, a client-property map. */
    public static final class Sample {
        public Limits limits = new Limits();
        public List<String> names = new ArrayList<>(List.of("a.exe", "b.exe"));
        public List<Integer> ids = new ArrayList<>();
        public List<Item> items = new ArrayList<>(List.of(new Item()));
        public Map<String, String> properties = new LinkedHashMap<>();
        @OneOf({"earliest", "latest"})
        public String start = "earliest";
        @NotBlank
        public String topic = "etw.raw";
        public boolean enabled = true;
    }

    public static final class Limits implements ConsistencyCheck {
        @Range(min = 0, max = 1)
        public double threshold = 0.5;
        @Range(min = 3)
        public int minCallbacks = 8;
        @Range(min = 1)
        public long low = 1;
        @Range(min = 1)
        public long high = 10;

        @Override
        public List<String> inconsistencies() {
            return low <= high ? List.of() : List.of("low: " + low + " is above high " + high);
        }
    }

    public static final class Item {
        @NotBlank
        public String name = "item";
        @Range(min = 0, max = 255)
        public int level = 4;
    }

    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static Sample set(String... overrides) {
        return YamlConfig.load(Sample.class, null, List.of(overrides));
    }

    private static void assertError(ThrowingCallable load, String message) {
        assertThatThrownBy(load).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void withoutFileNorOverridesTheFieldInitializersAreTheDefaults() {
        Sample sample = YamlConfig.defaults(Sample.class);
        assertThat(sample.limits.threshold).isEqualTo(0.5);
        assertThat(sample.names).containsExactly("a.exe", "b.exe");
        assertThat(sample.items).singleElement().satisfies(item -> assertThat(item.level).isEqualTo(4));
    }

    @Test
    void aFileSetsWhatItNamesAndLeavesTheRestAtTheDefaults() throws Exception {
        Sample sample = YamlConfig.load(Sample.class, yaml("limits:\n  threshold: 0.7\nnames: [c.exe]\n"), List.of());
        assertThat(sample.limits.threshold).isEqualTo(0.7);
        assertThat(sample.limits.minCallbacks).isEqualTo(8);
        assertThat(sample.names).containsExactly("c.exe");
        assertThat(YamlConfig.load(Sample.class, yaml(""), List.of()).topic).isEqualTo("etw.raw");
    }

    @Test
    void overridesAreTypedAndApplyAfterTheFileInOrder() throws Exception {
        Sample sample = YamlConfig.load(Sample.class, yaml("limits:\n  minCallbacks: 5\n"),
                List.of("limits.minCallbacks=6", "limits.threshold=0.9", "enabled=false", "limits.minCallbacks=7"));
        assertThat(sample.limits.minCallbacks).isEqualTo(7);
        assertThat(sample.limits.threshold).isEqualTo(0.9);
        assertThat(sample.enabled).isFalse();
    }

    @Test
    void listsAreSetWholeInFlowOrCommaFormAndEmptyMeansNone() {
        assertThat(set("names=[x.exe, y.exe]").names).containsExactly("x.exe", "y.exe");
        assertThat(set("names=x.exe, y.exe,z.exe").names).containsExactly("x.exe", "y.exe", "z.exe");
        assertThat(set("names=").names).isEmpty();
        assertThat(set("names=[]").names).isEmpty();
        assertThat(set("ids=4688,4689").ids).containsExactly(4688, 4689);
        assertThat(set("ids=[1, 2]").ids).containsExactly(1, 2);
        assertThat(set("items=[{name: a, level: 5}, {name: b}]").items)
                .extracting(item -> item.name + ":" + item.level).containsExactly("a:5", "b:4");
    }

    @Test
    void belowAMapTheRestOfThePathIsOneKeyDotsIncluded() {
        Sample sample = set("properties.security.protocol=SASL_SSL", "properties.sasl.jaas.config=a=b c");
        assertThat(sample.properties).containsExactly(
                Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.jaas.config", "a=b c"));
        assertThat(set("properties={acks: all}").properties).containsExactly(Map.entry("acks", "all"));
    }

    @Test
    void unknownKeysAreErrorsNamingTheKeyAndWhatIsKnown() throws Exception {
        assertError(() -> YamlConfig.load(Sample.class, yaml("limits:\n  treshold: 0.5\n"), List.of()),
                "config.yaml: limits.treshold: unknown key (known: high, low, minCallbacks, threshold)");
        assertError(() -> set("limits.treshold=0.5"), "--set limits.treshold=0.5: unknown key limits.treshold (known: high, low, minCallbacks, threshold)");
        assertError(() -> set("limit.threshold=0.5"), "unknown key limit (known: enabled, ids, items, limits, names, properties, start, topic)");
        assertError(() -> set("topic.name=x"), "unknown key topic.name (topic has no keys below it)");
        assertError(() -> YamlConfig.load(Sample.class, yaml("items:\n  - name: a\n    levle: 3\n"), List.of()),
                "items[0].levle: unknown key");
    }

    @Test
    void valuesOutOfRangeAreErrorsNamingKeyAndRange() {
        assertError(() -> set("limits.threshold=5"), "invalid config: limits.threshold: 5 is out of range [0, 1]");
        assertError(() -> set("limits.threshold=-0.25"), "limits.threshold: -0.25 is out of range [0, 1]");
        assertError(() -> set("limits.minCallbacks=-3"), "limits.minCallbacks: -3 is out of range [3, inf)");
        assertError(() -> set("items=[{level: 300}]"), "items[0].level: 300 is out of range [0, 255]");
        assertError(() -> set("limits.threshold=NaN"), "limits.threshold: NaN is out of range [0, 1]");
    }

    @Test
    void everyProblemIsReportedOnOneLine() {
        assertThatThrownBy(() -> set("limits.threshold=5", "limits.minCallbacks=0", "topic="))
                .hasMessage("invalid config: limits.threshold: 5 is out of range [0, 1]; "
                        + "limits.minCallbacks: 0 is out of range [3, inf); topic: must not be empty");
    }

    @Test
    void textValuesAreCheckedAgainstTheirChoicesAndEmptiness() {
        assertError(() -> set("start=newest"), "start: 'newest' is not one of earliest, latest");
        assertError(() -> set("topic= "), "topic: must not be empty");
        assertError(() -> set("items=[{name: ''}]"), "items[0].name: must not be empty");
    }

    @Test
    void keysThatRelateAreCheckedTogetherOnceEachIsValid() {
        assertError(() -> set("limits.low=20"), "limits.low: 20 is above high 10");
        assertThatThrownBy(() -> set("limits.low=20", "limits.high=0"))
                .hasMessage("invalid config: limits.high: 0 is out of range [1, inf)");
    }

    @Test
    void wrongTypesAreErrorsNamingTheKey() throws Exception {
        assertError(() -> set("limits.minCallbacks=two"), "limits.minCallbacks: 'two' is not a whole number");
        assertError(() -> set("limits.minCallbacks=2.5"), "limits.minCallbacks: '2.5' is not a whole number");
        assertError(() -> YamlConfig.load(Sample.class, yaml("limits:\n  minCallbacks: 2.5\n"), List.of()),
                "limits.minCallbacks: '2.5' is not a whole number");
        assertError(() -> set("limits.threshold=high"), "limits.threshold: 'high' is not a number");
        assertError(() -> set("enabled=maybe"), "enabled: 'maybe' is not true or false");
        assertError(() -> YamlConfig.load(Sample.class, yaml("limits: 3\n"), List.of()),
                "limits: expected a mapping of keys");
        assertError(() -> YamlConfig.load(Sample.class, yaml("names: a.exe\n"), List.of()), "names: expected a list");
    }

    @Test
    void emptiedKeysAreRequired() throws Exception {
        assertError(() -> YamlConfig.load(Sample.class, yaml("limits: ~\n"), List.of()), "limits: is required");
        assertError(() -> YamlConfig.load(Sample.class, yaml("topic: ~\n"), List.of()), "topic: is required");
        assertError(() -> YamlConfig.load(Sample.class, yaml("limits:\n  low: ~\n"), List.of()), "limits.low: expected a whole number");
        assertError(() -> YamlConfig.load(Sample.class, yaml("names: [a, ~]\n"), List.of()), "names[1]: is required");
        assertError(() -> YamlConfig.load(Sample.class, yaml("properties: {acks: ~}\n"), List.of()), "properties.acks: is required");
    }

    @Test
    void malformedFilesAndOverridesAreErrors() throws Exception {
        assertError(() -> YamlConfig.load(Sample.class, dir.resolve("missing.yaml"), List.of()),
                "cannot read config " + dir.resolve("missing.yaml") + ": no such file");
        assertError(() -> YamlConfig.load(Sample.class, yaml("- a\n- b\n"), List.of()), "the top level must be a mapping of keys");
        assertError(() -> YamlConfig.load(Sample.class, yaml("limits:\n  low: 1\n  low: 2\n"), List.of()), "Duplicate field 'low'");
        assertError(() -> YamlConfig.load(Sample.class, yaml("limits: [\n"), List.of()), "config.yaml: line ");
        assertError(() -> set("novalue"), "--set novalue: must be key=value");
        assertError(() -> set("=5"), "--set =5: must be key=value");
        assertError(() -> set("names.first=a"), "names is a list, set it whole: names=[a, b] or names=a,b");
        assertError(() -> set("limits=3"), "limits is a section: set one of its keys");
        assertError(() -> set("names=[a, b"), "--set names=[a, b: not a YAML value");
    }

    @Test
    void aLoadedConfigsListsAndMapsCannotBeChanged() {
        Sample sample = set("properties.acks=all");
        assertThatThrownBy(() -> sample.names.add("c.exe")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> sample.properties.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void deriveGivesANewCheckedConfigAndLeavesTheOriginalAsItWas() {
        Sample original = set("limits.threshold=0.7", "names=c.exe");
        Sample derived = YamlConfig.derive(original, List.of("limits.minCallbacks=12"));
        assertThat(derived).isNotSameAs(original);
        assertThat(derived.limits.minCallbacks).isEqualTo(12);
        assertThat(derived.limits.threshold).isEqualTo(0.7);
        assertThat(derived.names).containsExactly("c.exe");
        assertThat(original.limits.minCallbacks).isEqualTo(8);
        assertError(() -> YamlConfig.derive(original, List.of("limits.threshold=2")),
                "invalid derived config: limits.threshold: 2 is out of range [0, 1]");
    }
}
