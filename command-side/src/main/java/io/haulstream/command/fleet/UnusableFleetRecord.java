package io.haulstream.command.fleet;

/** A fleet record that no retry can make usable: it goes to the dead-letter topic with this reason. */
class UnusableFleetRecord extends RuntimeException {

    UnusableFleetRecord(String reason) {
        super(reason);
    }

    UnusableFleetRecord(String reason, Throwable cause) {
        super(reason, cause);
    }
}
