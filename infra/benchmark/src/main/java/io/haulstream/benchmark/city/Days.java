package io.haulstream.benchmark.city;

import java.time.LocalDate;

/**
 * The days the service history covers, in Berlin time: routes run on weekdays and every time in the
 * city is counted from the history's first midnight, so the parts share one calendar.
 *
 * @param start the first day's midnight in Berlin, in epoch seconds
 * @param dayOfWeek per day of the history, its {@link java.time.DayOfWeek} value (1 is Monday)
 */
record Days(LocalDate today, LocalDate first, long start, byte[] dayOfWeek) {

    static final long DAY = 86_400L;
    static final long HOUR = 3_600L;

    static Days of(CitySize size, LocalDate today) {
        LocalDate first = today.minusDays(size.days() - 1L);
        byte[] dayOfWeek = new byte[size.days()];
        for (int day = 0; day < size.days(); day++) {
            dayOfWeek[day] = (byte) first.plusDays(day).getDayOfWeek().getValue();
        }
        return new Days(today, first, first.atStartOfDay(City.ZONE).toEpochSecond(), dayOfWeek);
    }
}
