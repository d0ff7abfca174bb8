"""Which version applies on which day (Asia/Tokyo), in 和暦 and Gregorian dates, and when it is published."""
