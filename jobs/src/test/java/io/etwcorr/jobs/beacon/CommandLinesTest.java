package io.etwcorr.jobs.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLinesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cmd.exe /c curl.exe https://a.example/x?t=1795633627 | cmd.exe /c curl.exe https://a.example/x?t=<hex>",
        "rundll32.exe C:\\Temp\\9960102a.dll,Start | rundll32.exe c:\\temp\\<hex>.dll,start",
        "svc.exe -k {6F9619FF-8B86-D011-B42D-00C04FC964FF}  --port 8443 | svc.exe -k <guid> --port <n>",
        "  Notepad.exe   readme.txt | notepad.exe readme.txt",
        "backup.exe --deadbeefcafe | backup.exe --deadbeefcafe"})
    void replacesVolatileTokens(String commandLine, String normalized) {
        assertThat(CommandLines.normalize(commandLine)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "powershell.exe -File C:\\ops\\check.ps1 -Run 17 | powershell.exe -File C:\\ops\\check.ps1 -Run 18",
        "curl.exe https://a.example/9f8e7d6c5b4a | curl.exe https://a.example/0a1b2c3d4e5f"})
    void instancesOfOneTaskAreOneGroup(String first, String second) {
        assertThat(CommandLines.normalize(first)).isEqualTo(CommandLines.normalize(second));
    }
}
