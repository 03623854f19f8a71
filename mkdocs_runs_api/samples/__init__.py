"""Code samples: the spec's own (`x-codeSamples`) and generated ones, one template a language.

`request.build_sample_request` turns an operation into a plain `SampleRequest` (URL, query,
headers, auth, body, all values filled from examples); `render.render_samples` renders it with
`templates/samples/<language>.jinja`, whose filters quote values for that language.
"""
