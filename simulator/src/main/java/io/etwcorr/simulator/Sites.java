package io.etwcorr.simulator;

import java.util.List;

/** The web as the simulated users see it: the sites they visit and the third parties each page pulls in. */
final class Sites {
    static final List<String> PAGES = List.of(
            "www.google.com", "www.bing.com", "www.wikipedia.org", "en.wikipedia.org", "github.com", "stackoverflow.com",
            "www.linkedin.com", "www.youtube.com", "news.ycombinator.com", "www.bbc.co.uk", "www.reuters.com",
            "www.nytimes.com", "docs.microsoft.com", "learn.microsoft.com", "portal.azure.com", "www.amazon.com",
            "www.office.com", "teams.microsoft.com", "mail.google.com", "drive.google.com", "www.dropbox.com",
            "app.slack.com", "www.atlassian.com", "corp.atlassian.net", "www.salesforce.com", "www.zoom.us",
            "www.weather.com", "www.theguardian.com", "www.spiegel.de", "www.lemonde.fr", "maps.google.com",
            "www.reddit.com", "medium.com", "www.cnn.com", "www.booking.com");

    static final List<String> THIRD_PARTIES = List.of(
            "fonts.googleapis.com", "fonts.gstatic.com", "www.googletagmanager.com", "www.google-analytics.com",
            "cdn.jsdelivr.net", "cdnjs.cloudflare.com", "ajax.googleapis.com", "static.xx.fbcdn.net",
            "platform.twitter.com", "securepubads.g.doubleclick.net", "c.bing.com", "assets.adobedtm.com",
            "cdn.optimizely.com", "js.hs-scripts.com", "img-prod-cms-rt-microsoft-com.akamaized.net",
            "unpkg.com", "s.yimg.com", "i.ytimg.com", "yt3.ggpht.com", "upload.wikimedia.org");

    /** Names that do not resolve: typos and stale bookmarks. */
    static final List<String> MISTYPED = List.of("www.gooogle.com", "intranet.corp.local", "wiki.old-corp.example");

    private Sites() {
    }
}
