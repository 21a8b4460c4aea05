package io.citywatch.jobs.config;

import java.util.Locale;

/** The values of {@code locale}: the languages alert messages are written in. */
public enum MessageLocale {
    EN(Locale.ENGLISH),
    ZH_CN(Locale.forLanguageTag("zh-CN"));

    private final Locale locale;

    MessageLocale(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** As the option writes it: a language tag, {@code en} or {@code zh-CN}. */
    @Override
    public String toString() {
        return locale.toLanguageTag();
    }
}
