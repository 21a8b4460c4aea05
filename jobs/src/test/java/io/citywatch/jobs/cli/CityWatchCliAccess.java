package io.citywatch.jobs.cli;

/** What tests outside this package may know of the command line. */
public final class CityWatchCliAccess {
    private CityWatchCliAccess() {}

    public static String mainClass() {
        return CityWatchCli.class.getName();
    }

    public static String simulateUsage() {
        return SimulateCommand.USAGE;
    }

    /** An alert changelog record read back from the alerts topic. */
    public static io.citywatch.common.model.Alert parseAlert(String text) {
        return AlertRecords.parse(text);
    }
}
