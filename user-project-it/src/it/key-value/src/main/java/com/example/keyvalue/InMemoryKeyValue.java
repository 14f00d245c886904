package com.example.keyvalue;

import com.example.keyvalue.api.Found;
import com.example.keyvalue.api.GetRequestDecoder;
import com.example.keyvalue.api.GetResponseEncoder;
import com.example.keyvalue.api.KeyValue;
import com.example.keyvalue.api.PutRequestDecoder;
import com.example.keyvalue.api.PutResponseEncoder;

import java.util.HashMap;
import java.util.Map;

/**
 * The service: values by key in a map. Its handlers run on the server's poll thread, one at a time.
 */
final class InMemoryKeyValue implements KeyValue
{
    private final Map<String, String> values = new HashMap<>();

    @Override
    public void put(final PutRequestDecoder request, final PutResponseEncoder response)
    {
        final String key = request.key();
        final String previous = values.put(key, request.value());
        response.replaced(null != previous ? Found.YES : Found.NO);
    }

    @Override
    public void get(final GetRequestDecoder request, final GetResponseEncoder response)
    {
        final String value = values.get(request.key());
        response.found(null != value ? Found.YES : Found.NO).value(null != value ? value : "");
    }
}
