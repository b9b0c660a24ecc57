package io.haulstream.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPlanTest {

    @Test
    void readsRoutesWithTheirStopsInOrderAndTheBinsOfEachOrganization(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("demo-fleet.tsv");
        Files.write(
                file,
                List.of(
                        "route\torg-1\troute-1\tbin-2,bin-1",
                        "bin\torg-1\tbin-1",
                        "bin\torg-1\tbin-2",
                        "bin\torg-1\tbin-3",
                        "bin\torg-2\tbin-9"));

        DemoPlan plan = DemoPlan.read(file);

        assertThat(plan.routes())
                .containsExactly(new DemoPlan.PlannedRoute("org-1", "route-1", List.of("bin-2", "bin-1")));
        assertThat(plan.binsOf("org-1")).containsExactly("bin-1", "bin-2", "bin-3");
        assertThat(plan.binsOf("org-2")).containsExactly("bin-9");
    }

    @Test
    void rejectsAMalformedLineNamingItsNumber() {
        List<String> lines = List.of("route\torg-1\troute-1\tbin-1", "bin\torg-1\tbin-1", "bin org-1 bin-2");

        assertThatThrownBy(() -> DemoPlan.parse("demo-fleet.tsv", lines))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("demo-fleet.tsv line 3: ")
                .hasMessageContaining("bin org-1 bin-2");
    }

    @Test
    void rejectsABlankStopNamingItsLine() {
        List<String> lines = List.of("bin\torg-1\tbin-1", "route\torg-1\troute-1\tbin-1,,bin-2");

        assertThatThrownBy(() -> DemoPlan.parse("demo-fleet.tsv", lines))
                .hasMessage("demo-fleet.tsv line 2: stop binId is blank");
    }

    @Test
    void rejectsAStopThatIsNoBinOfTheRoutesOrganization() {
        List<String> lines = List.of("route\torg-1\troute-1\tbin-9", "bin\torg-1\tbin-1", "bin\torg-2\tbin-9");

        assertThatThrownBy(() -> DemoPlan.parse("demo-fleet.tsv", lines))
                .hasMessage("demo-fleet.tsv line 1: stop bin-9 has no bin line of organization org-1");
    }

    @Test
    void rejectsAPlanWithoutRoutes() {
        assertThatThrownBy(() -> DemoPlan.parse("demo-fleet.tsv", List.of("bin\torg-1\tbin-1")))
                .hasMessageContaining("no route line");
    }

    @Test
    void namesTheLoaderWhenThePlanIsMissing(@TempDir Path folder) {
        assertThatThrownBy(() -> DemoPlan.read(folder.resolve("demo-fleet.tsv")))
                .hasMessageContaining("infra/demo/load-demo.sh");
    }
}
