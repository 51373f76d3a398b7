"""``CenterCrop``: cut the central ``height x width`` window out of each image."""

from frontend import ops
from frontend.layers.preprocessing.image_layer import ImageLayer
from frontend.layers.preprocessing.resizing import crop_to_aspect_ratio


class CenterCrop(ImageLayer):
    """Crop the centre; an image smaller than the target on either side is instead cropped
    to the target aspect ratio and resized (bilinear), as Keras does."""

    def __init__(self, height, width, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.height, self.width = height, width

    def call(self, inputs):
        images = ops.cast(inputs, self.compute_dtype)
        height, width = self.image_size(ops.shape(images))
        if height >= self.height and width >= self.width:
            return ops.image.crop_images(images, top_cropping=(height - self.height) // 2,
                                         left_cropping=(width - self.width) // 2, target_height=self.height,
                                         target_width=self.width, data_format=self.data_format)
        images = crop_to_aspect_ratio(images, self.height, self.width, self.data_format)
        return ops.image.resize(images, (self.height, self.width), data_format=self.data_format)

    def compute_output_shape(self, input_shape):
        return self.with_image_size(input_shape, self.height, self.width)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width})
        return config
