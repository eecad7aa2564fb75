package io.etwcorr.jobs.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainsTest {
    @ParameterizedTest
    @CsvSource({
        "a1b2c3.c2.evil.example, evil.example",
        "evil.example, evil.example",
        "localhost, localhost",
        "x.y.example.co.uk, example.co.uk",
        "cdn.example.com.au, example.com.au",
        "deep.sub.example.de, example.de",
        "a.b.example.kawasaki.jp, b.example.kawasaki.jp",
        "tenant-42.azurewebsites.net, tenant-42.azurewebsites.net",
        "X.Teams.Microsoft.COM., microsoft.com",
        "time.windows.com, windows.com",
        "co.uk, co.uk",
        "host.corp.internal, corp.internal",
    })
    void subdomainsOfOneRegistrableDomainGroupTogether(String name, String registrable) {
        assertThat(Domains.registrable(name)).isEqualTo(registrable);
    }
}
