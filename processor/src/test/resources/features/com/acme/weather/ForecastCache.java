package com.acme.weather;

import java.util.Optional;

/** A service the weather feature provides. */
public interface ForecastCache {
  Optional<String> cached(String city);
}
